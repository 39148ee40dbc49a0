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
            Kind = kind,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Channel = actor.Channel,
            SummaryVi = summaryVi,
            SummaryEn = summaryEn,
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

    public sealed record Verification(bool Valid, int Entries, string? HeadHash, IReadOnlyList<string> Problems);

    /// <summary>Recomputes the chain: every hash, every link, no gap, and the head the incident remembers.</summary>
    public static async Task<Verification> VerifyAsync(this TriageDbContext db, Incident incident, CancellationToken cancellationToken)
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

        return new Verification(problems.Count == 0, entries.Count, entries.Count == 0 ? null : previous, problems);
    }
}
