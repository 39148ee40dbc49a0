using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using MassTransit;

namespace IncidentResponse.Intake.Reports;

/// <summary>A triage batch's answers (see <see cref="ReportTriagedConsumer"/>): one message, one query, one commit.</summary>
public sealed class ReportsTriagedConsumer(IntakeDbContext db) : IConsumer<ReportsTriaged>
{
    public Task Consume(ConsumeContext<ReportsTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReportTriagedConsumer.RecordAsync(db, context.Message.Reports, context.CancellationToken);
    }
}
