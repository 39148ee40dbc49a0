using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Records where triage put each report, so its submitter can follow it: <see cref="ReportsTriaged"/>, one per
/// triage batch, and <see cref="ReportTriaged"/>, one per report, still consumed for messages published before
/// batches (taken together as they arrive). Both go through <see cref="RecordAsync"/>: one guarded update for the
/// batch on PostgreSQL, one per report in one transaction on the embedded default. Applying an answer twice changes nothing: a report already
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

    /// <summary>
    /// Records these answers with guarded UPDATEs, without reading the reports first (a report already recorded in that
    /// incident, or one this database does not hold, matches nothing): on PostgreSQL one statement for all of them, on
    /// SQLite one per report in one transaction; a single answer is one statement.
    /// </summary>
    public static async Task RecordAsync(IntakeDbContext db, IReadOnlyCollection<ReportTriaged> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(answers);
        // In the order given; an answer repeating the one before it for its report (same incident) would match nothing.
        var kept = new List<ReportTriaged>();
        var recorded = new Dictionary<Guid, Guid>();
        foreach (var answer in answers)
        {
            if (!recorded.TryGetValue(answer.ReportId, out var incident) || incident != answer.IncidentId)
            {
                kept.Add(answer);
                recorded[answer.ReportId] = answer.IncidentId;
            }
        }

        if (kept.Count > 1 && !db.Database.IsSqlite())
        {
            await RecordTogetherAsync(db, kept, cancellationToken);
            return;
        }

        await using var transaction = kept.Count > 1 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var answer in kept)
        {
            await db.Reports
                .Where(r => r.Id == answer.ReportId && (r.Status != ReportStatuses.Triaged || r.IncidentId != answer.IncidentId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, ReportStatuses.Triaged)
                    .SetProperty(r => r.IncidentId, answer.IncidentId)
                    .SetProperty(r => r.IncidentNumber, answer.IncidentNumber)
                    .SetProperty(r => r.Correlated, answer.Correlated)
                    .SetProperty(r => r.TriagedAt, answer.TriagedAt), cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL: the answers in one guarded UPDATE joined to their arrays, one statement and one round trip for the
    /// batch. Each report gets the last answer kept for it, which is where applying them one by one would leave it.
    /// </summary>
    private static async Task RecordTogetherAsync(IntakeDbContext db, List<ReportTriaged> kept, CancellationToken cancellationToken)
    {
        var last = kept.GroupBy(a => a.ReportId).Select(g => g.Last()).ToList();
        var sql = $$"""
            UPDATE "{{db.Schema}}".reports AS r
            SET status = {0}, incident_id = a.incident_id, incident_number = a.incident_number, correlated = a.correlated, triaged_at = a.triaged_at
            FROM unnest({1}, {2}, {3}, {4}, {5}) AS a(id, incident_id, incident_number, correlated, triaged_at)
            WHERE r.id = a.id AND (r.status <> {0} OR r.incident_id IS DISTINCT FROM a.incident_id)
            """;
        await db.Database.ExecuteSqlRawAsync(sql, [
            ReportStatuses.Triaged,
            last.Select(a => a.ReportId).ToArray(),
            last.Select(a => a.IncidentId).ToArray(),
            last.Select(a => a.IncidentNumber).ToArray(),
            last.Select(a => a.Correlated).ToArray(),
            last.Select(a => a.TriagedAt.ToUniversalTime()).ToArray(),
        ], cancellationToken);
    }
}
