using System.ComponentModel.DataAnnotations.Schema;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Register;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Timeline;

/// <summary>What another service reported, put on an incident's timeline by a consumer.</summary>
public static class MessageTimeline
{
    private static readonly Type[] AppendedRows = [typeof(TimelineEntry), typeof(IncidentUnit), typeof(IncidentSearch)];

    /// <summary>
    /// Appends the entries not on their incidents' timelines yet, in the order given, in one transaction:
    /// the incidents are locked in id order (PostgreSQL; SQLite's transaction holds the write lock), the
    /// entries whose source key is there already are left out (a message given again, or a batch that
    /// overlaps an earlier one), the rest are chained after each incident's head, and each incident's head is
    /// written once. Returns how many were appended. Fails, committing nothing, when an incident is not
    /// known; the caller splits the batch so that the others are not held up by it.
    /// </summary>
    public static async Task<int> AppendOnceAsync(this TriageDbContext db, IReadOnlyList<SourcedEntry> entries, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        return await db.RetryOnConflictAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var ids = entries.Select(e => e.IncidentId).Distinct().Order().ToList();
            var incidents = await db.Locking<Incident, Guid>(nameof(Incident.Id), ids).ToDictionaryAsync(i => i.Id, cancel);
            var present = await PresentAsync(db, entries, cancel);
            var missing = entries.Where(e => present.Add((e.IncidentId, e.SourceKey))).ToList();
            if (missing.Count > 0)
            {
                foreach (var e in missing)
                {
                    var incident = incidents.GetValueOrDefault(e.IncidentId) ?? throw new InvalidOperationException($"incident {e.IncidentId} is not known (yet)");
                    db.Append(incident, e.Kind, e.Actor, e.At, e.SummaryVi, e.SummaryEn, e.Data).SourceKey = e.SourceKey;
                }

                await db.AddUnitsAsync(missing.Where(e => e.Engaged is not null).Select(e => e.Engaged!).ToList(), cancel);

                // Entries and units are only ever added: by COPY on PostgreSQL when there are enough (see AddedRowsCopy).
                await db.SaveChangesCopyingAsync(AppendedRows, cancel);
            }

            await transaction.CommitAsync(cancel);
            return missing.Count;
        }, cancel);
    }

    /// <summary>
    /// The (incident, source key) pairs of <paramref name="entries"/> already on a timeline. On PostgreSQL the pairs are looked up
    /// as pairs (typically one probe of the unique index each): asked as "incident in these and key in those", PostgreSQL 15 probed every
    /// incident with every key, about 2 ms a call in the closed loop while the batch held its incidents' row locks.
    /// </summary>
    private static async Task<HashSet<(Guid, string)>> PresentAsync(TriageDbContext db, IReadOnlyList<SourcedEntry> entries, CancellationToken cancel)
    {
        var pairs = entries.Select(e => (e.IncidentId, e.SourceKey)).Distinct().ToList();
        if (db.Database.IsSqlite())
        {
            var ids = pairs.Select(p => p.IncidentId).Distinct().ToList();
            var keys = pairs.Select(p => p.SourceKey).Distinct().ToList();
            return (await db.TimelineEntries.AsNoTracking()
                    .Where(e => ids.Contains(e.IncidentId) && keys.Contains(e.SourceKey!))
                    .Select(e => new { e.IncidentId, e.SourceKey })
                    .ToListAsync(cancel))
                .Select(e => (e.IncidentId, e.SourceKey!)).ToHashSet();
        }

        // Only identifiers from the model go into the text; the pairs are two array parameters.
        var table = StoreNames.Table<TimelineEntry>(db);
        var incident = StoreNames.Column<TimelineEntry>(db, nameof(TimelineEntry.IncidentId));
        var key = StoreNames.Column<TimelineEntry>(db, nameof(TimelineEntry.SourceKey));
        var sql = $"SELECT t.{incident} AS incident_id, t.{key} AS source_key FROM {table} AS t "
            + $"JOIN unnest({{0}}, {{1}}) AS k(incident_id, source_key) ON t.{incident} = k.incident_id AND t.{key} = k.source_key";
        var found = await db.Database
            .SqlQueryRaw<SourcedKey>(sql, pairs.Select(p => p.IncidentId).ToArray(), pairs.Select(p => p.SourceKey).ToArray())
            .ToListAsync(cancel);
        return found.Select(f => (f.IncidentId, f.SourceKey)).ToHashSet();
    }

    /// <summary>A timeline entry's incident and source key, as <see cref="PresentAsync"/> reads them.</summary>
    private sealed record SourcedKey([property: Column("incident_id")] Guid IncidentId, [property: Column("source_key")] string SourceKey);

    /// <summary>
    /// <see cref="AppendOnceAsync(TriageDbContext, IReadOnlyList{SourcedEntry}, CancellationToken)"/>, and when that fails for a
    /// batch of several, the halves again, each on its own: the entries that can be appended are, and the first
    /// failure is thrown afterwards (the message is retried; what was appended is found by its key then).
    /// </summary>
    public static async Task<int> AppendOnceSplittingAsync(this TriageDbContext db, IReadOnlyList<SourcedEntry> entries, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        try
        {
            return await db.AppendOnceAsync(entries, cancel);
        }
        catch (Exception) when (entries.Count > 1 && !cancel.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
        }

        var half = entries.Count / 2;
        var appended = 0;
        Exception? failure = null;
        foreach (var part in new[] { entries.Take(half).ToList(), entries.Skip(half).ToList() })
        {
            try
            {
                appended += await db.AppendOnceSplittingAsync(part, cancel);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return appended;
    }

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
