using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Timeline;

/// <summary>What another service reported, put on an incident's timeline by a consumer.</summary>
public static class MessageTimeline
{
    /// <summary>
    /// Appends once per message for <paramref name="consumer"/> (false when it was applied before), or once per
    /// <paramref name="onceKey"/> when given: an event sent again until answered (a unit engaged, a step paged)
    /// comes as new messages, and is on the timeline once all the same.
    /// Messages about one incident often arrive together (each unit engaged, each notice delivered); the
    /// one that loses the race for the next sequence number reads again and appends after the winner, at
    /// once, instead of waiting for the bus's redelivery. On PostgreSQL the incident's row lock makes the
    /// later ones wait for the earlier ones instead (see <see cref="IncidentWriteLock"/>).
    /// </summary>
    public static Task<bool> AppendOnceAsync(
        this TriageDbContext db, ConsumeContext context, string consumer, DateTimeOffset now,
        Guid incidentId, string kind, Actor actor, DateTimeOffset at, string summaryVi, string summaryEn, object data, Guid? onceKey = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var cancel = context.CancellationToken;
        return db.RetryOnConflictAsync(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancel);
            var first = onceKey is { } key
                ? await db.TryRecordFirstDeliveryAsync(key, consumer + ":" + kind, now, cancel)
                : await db.TryRecordFirstDeliveryAsync(context, consumer, now);
            if (!first)
            {
                return false;
            }

            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancel)
                ?? throw new InvalidOperationException($"incident {incidentId} is not known (yet)");
            db.Append(incident, kind, actor, at, summaryVi, summaryEn, data);
            await db.SaveChangesAsync(cancel);
            if (locked is not null)
            {
                await locked.CommitAsync(cancel);
            }

            return true;
        }, cancel);
    }
}
