using System.Data;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>
/// Writes a checkpoint of every incident timeline whose head moved since the file last recorded it. A head is
/// recorded only if its chain verifies against the key ring and the earlier checkpoints, so a chain tampered
/// with is never vouched for; it is logged as an error instead.
/// </summary>
public sealed partial class TimelineCheckpointer(
    IServiceScopeFactory scopes, TimelineCheckpointLog log, TimeProvider time, ILogger<TimelineCheckpointer> logger)
{
    /// <summary>The checkpoint written, or null when no head moved.</summary>
    public async Task<TimelineCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var history = await log.ReadAsync(cancellationToken);
        if (!history.Available)
        {
            LogUnreadable(logger, string.Join("; ", history.Problems));
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var heads = new List<CheckpointHead>();
        var rows = await db.Incidents.AsNoTracking().Where(i => i.TimelineLength > 0)
            .Select(i => new { i.Id, i.TimelineLength, i.TimelineHead }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var latest = history.Latest(row.Id);
            if (latest is not null && latest.Length == row.TimelineLength && latest.Head == row.TimelineHead)
            {
                continue;
            }

            // The head and the entries from one snapshot, so an entry appended meanwhile is not taken for tampering.
            Incident incident;
            TimelineVerification verification;
            await using (var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
            {
                incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == row.Id, cancellationToken);
                verification = await db.VerifyAsync(incident, history, cancellationToken);
            }

            if (!verification.Valid)
            {
                LogTampered(logger, incident.Number, string.Join("; ", verification.Problems));
                continue;
            }

            heads.Add(new CheckpointHead(incident.Id, incident.Number, verification.Entries, verification.HeadHash!, verification.LegacyEntries));
        }

        return heads.Count == 0 ? null : await log.AppendAsync(history, time.GetUtcNow(), heads, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeline of {Number} failed verification and is not checkpointed: {Problems}")]
    private static partial void LogTampered(ILogger logger, string number, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "No timeline checkpoint written: {Problems}")]
    private static partial void LogUnreadable(ILogger logger, string problems);
}
