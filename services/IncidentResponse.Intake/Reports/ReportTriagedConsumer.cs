using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Records where triage put a report, so its submitter can follow it. Applying it twice changes
/// nothing: one conditional statement updates a report not yet recorded in that incident (no read,
/// no tracking: this runs once for every report, and was a tenth of the Host's work under load).
/// </summary>
public sealed class ReportTriagedConsumer(IntakeDbContext db) : IConsumer<ReportTriaged>
{
    public async Task Consume(ConsumeContext<ReportTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        await db.Reports
            .Where(r => r.Id == message.ReportId && (r.Status != ReportStatuses.Triaged || r.IncidentId != message.IncidentId))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, ReportStatuses.Triaged)
                .SetProperty(r => r.IncidentId, message.IncidentId)
                .SetProperty(r => r.IncidentNumber, message.IncidentNumber)
                .SetProperty(r => r.Correlated, message.Correlated)
                .SetProperty(r => r.TriagedAt, message.TriagedAt),
                context.CancellationToken);
    }
}
