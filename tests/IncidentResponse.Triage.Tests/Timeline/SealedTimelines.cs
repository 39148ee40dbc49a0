using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>What the sealing tests share: appending notes, a checkpointer over a test database, verifying against the file.</summary>
internal static class SealedTimelines
{
    public static readonly Actor Officer = new("user:tran-thi-b", "Trần Thị B", "web");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Appends <paramref name="count"/> notes through a fresh context from <paramref name="newContext"/>.</summary>
    public static async Task AppendNotesAsync(Func<TriageDbContext> newContext, Guid incidentId, int count, DateTimeOffset at)
    {
        await using var db = newContext();
        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, Cancel);
        for (var i = 1; i <= count; i++)
        {
            db.Append(incident, TimelineKinds.NoteAdded, Officer, at.AddSeconds(i), $"Ghi chú số {incident.TimelineLength + 1}", $"Note number {incident.TimelineLength + 1}");
        }

        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>A checkpointer writing to <paramref name="file"/> from databases made by <paramref name="newContext"/>.</summary>
    public static (TimelineCheckpointer Checkpointer, TimelineCheckpointLog Log) Checkpointer(
        Func<TriageDbContext> newContext, string file, TimeProvider clock, TimelineKeyRing? keys = null)
    {
        var services = new ServiceCollection().AddScoped(_ => newContext()).BuildServiceProvider();
        var log = new TimelineCheckpointLog(keys ?? TestTimelineKeys.Ring, file);
        return (new TimelineCheckpointer(services.GetRequiredService<IServiceScopeFactory>(), log, clock, NullLogger<TimelineCheckpointer>.Instance), log);
    }

    public static async Task<TimelineVerification> VerifyAsync(TriageDbContext db, Guid incidentId, TimelineCheckpointLog? log = null)
    {
        var history = log is null ? null : await log.ReadAsync(Cancel);
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, Cancel);
        return await db.VerifyAsync(incident, history, Cancel);
    }

    /// <summary>What a database superuser without the key can do: recompute every plain SHA-256 hash from the start, and the head.</summary>
    public static async Task RecomputeUnkeyedAsync(TriageDbContext db, Guid incidentId, bool dropKeyIds)
    {
        var entries = await db.TimelineEntries.Where(e => e.IncidentId == incidentId).OrderBy(e => e.Sequence).ToListAsync(Cancel);
        var previous = TimelineHasher.Genesis;
        foreach (var entry in entries)
        {
            if (dropKeyIds)
            {
                entry.KeyId = null;
            }

            entry.PreviousHash = previous;
            entry.Hash = TimelineHasher.Hash(entry);
            previous = entry.Hash;
        }

        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, Cancel);
        incident.TimelineHead = previous;
        await db.SaveChangesAsync(Cancel);
    }
}
