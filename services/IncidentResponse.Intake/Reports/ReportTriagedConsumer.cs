using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>Records where triage put a report, so its submitter can follow it. Applying it twice changes nothing.</summary>
public sealed class ReportTriagedConsumer(IntakeDbContext db) : IConsumer<ReportTriaged>
{
    public async Task Consume(ConsumeContext<ReportTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == message.ReportId, context.CancellationToken);
        if (report is null || (report.Status == ReportStatuses.Triaged && report.IncidentId == message.IncidentId))
        {
            return;
        }

        report.Status = ReportStatuses.Triaged;
        report.IncidentId = message.IncidentId;
        report.IncidentNumber = message.IncidentNumber;
        report.Correlated = message.Correlated;
        report.TriagedAt = message.TriagedAt;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
