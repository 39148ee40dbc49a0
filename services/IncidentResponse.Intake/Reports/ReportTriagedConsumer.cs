using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Records where triage put each report, so its submitter can follow it: <see cref="ReportsTriaged"/>, one per
/// triage batch, and <see cref="ReportTriaged"/>, one per report, still consumed for messages published before
/// batches (taken together as they arrive). Both go through <see cref="RecordAsync"/>: one query reads their
/// reports and one transaction writes the changes. Applying an answer twice changes nothing: a report already
/// recorded in that incident is left as it is, its triage time included.
/// </summary>
public sealed class ReportTriagedConsumer(IntakeDbContext db) : IConsumer<Batch<ReportTriaged>>
{
    /// <summary>At most this many answers are recorded in one transaction.</summary>
    public const int BatchLimit = 32;

    /// <summary>How long the first answer of a batch waits for others before the batch is written.</summary>
    public static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(20);

    public Task Consume(ConsumeContext<Batch<ReportTriaged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RecordAsync(db, context.Message.Select(m => m.Message).ToList(), context.CancellationToken);
    }

    /// <summary>Records these answers: one query for their reports, one commit for what changed (none when nothing did).</summary>
    public static async Task RecordAsync(IntakeDbContext db, IReadOnlyCollection<ReportTriaged> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(answers);
        var ids = answers.Select(a => a.ReportId).Distinct().ToList();
        var reports = await db.Reports.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var answer in answers)
        {
            // An answer for a report this database does not hold (removed by hand) has nothing to record.
            if (reports.TryGetValue(answer.ReportId, out var report)
                && (report.Status != ReportStatuses.Triaged || report.IncidentId != answer.IncidentId))
            {
                report.Status = ReportStatuses.Triaged;
                report.IncidentId = answer.IncidentId;
                report.IncidentNumber = answer.IncidentNumber;
                report.Correlated = answer.Correlated;
                report.TriagedAt = answer.TriagedAt;
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
