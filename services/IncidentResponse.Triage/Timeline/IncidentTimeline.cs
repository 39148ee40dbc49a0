using IncidentResponse.Contracts.Api.Incidents;
using System.Text.Json;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Timeline;

/// <summary>Appends to and verifies an incident's timeline.</summary>
public static class IncidentTimeline
{
    public static JsonSerializerOptions DataJson { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an entry after the incident's current head. The incident row records the new head
    /// (and its version moves), so concurrent appends conflict instead of forking the chain.
    /// Who acted is cut to its columns (a name another service sent may be longer) and the
    /// summaries are kept whole; a NUL, which PostgreSQL text cannot hold, becomes U+FFFD. The
    /// entry is hashed as stored.
    /// </summary>
    public static TimelineEntry Append(
        this TriageDbContext db, Incident incident, string kind, Actor actor, DateTimeOffset at, string summaryVi, string summaryEn, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new TimelineEntry
        {
            Id = NewId.NextGuid(),
            IncidentId = incident.Id,
            Sequence = incident.TimelineLength + 1,
            OccurredAt = TimelineHasher.ToStoredPrecision(at),
            Kind = Cut(kind, TimelineEntry.MaxKind),
            ActorId = Cut(actor.Id, TimelineEntry.MaxActorId),
            ActorName = Cut(actor.Name, TimelineEntry.MaxActorName),
            Channel = Cut(actor.Channel, TimelineEntry.MaxChannel),
            SummaryVi = Cut(summaryVi, int.MaxValue),
            SummaryEn = Cut(summaryEn, int.MaxValue),
            Data = data is null ? null : JsonSerializer.Serialize(data, DataJson),
            PreviousHash = incident.TimelineHead ?? TimelineHasher.Genesis,
            Hash = "",
        };
        entry.Hash = TimelineHasher.Hash(entry);
        incident.TimelineLength = entry.Sequence;
        incident.TimelineHead = entry.Hash;
        incident.Version++;
        db.TimelineEntries.Add(entry);
        return entry;
    }

    /// <summary>At most <paramref name="max"/> characters, never ending in half a surrogate pair, with no NUL.</summary>
    public static string Cut(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace('\0', '\uFFFD');
        }

        if (value.Length <= max)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..end];
    }

    /// <summary>Recomputes the chain: every hash, every link, no gap, and the head the incident remembers.</summary>
    public static async Task<TimelineVerification> VerifyAsync(this TriageDbContext db, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var problems = new List<string>();
        var previous = TimelineHasher.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                problems.Add($"entry {i + 1} is missing (found {entry.Sequence})");
            }

            if (entry.PreviousHash != previous)
            {
                problems.Add($"entry {entry.Sequence} does not follow the entry before it");
            }

            if (TimelineHasher.Hash(entry) != entry.Hash)
            {
                problems.Add($"entry {entry.Sequence} was changed after it was written");
            }

            previous = entry.Hash;
        }

        if (entries.Count != incident.TimelineLength || (entries.Count > 0 && previous != incident.TimelineHead))
        {
            problems.Add($"the incident records {incident.TimelineLength} entries ending in {incident.TimelineHead}, the timeline has {entries.Count} ending in {previous}");
        }

        return new TimelineVerification(problems.Count == 0, entries.Count, entries.Count == 0 ? null : previous, problems);
    }
}
