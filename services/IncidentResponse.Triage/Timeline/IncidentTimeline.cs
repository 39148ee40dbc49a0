using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Contracts.Api.Incidents;
using System.Text.Json;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IncidentResponse.Triage.Timeline;

/// <summary>Appends to and verifies an incident's timeline.</summary>
public static class IncidentTimeline
{
    public static JsonSerializerOptions DataJson { get; } = StoredJson.Create();

    /// <summary>
    /// Adds an entry after the incident's current head. The incident row records the new head
    /// (and its version moves), so concurrent appends conflict instead of forking the chain.
    /// Who acted is cut to its columns (a name another service sent may be longer) and the
    /// summaries are kept whole; a NUL, which PostgreSQL text cannot hold, becomes U+FFFD, and so does a character that
    /// would make the entry read other than it is (<see cref="HiddenCharacters"/>: an e-mail's subject, a chat member's
    /// name, a file name, a reason typed where it is not refused). The entry is hashed as stored, sealed with the
    /// current timeline key.
    /// </summary>
    public static TimelineEntry Append(
        this TriageDbContext db, Incident incident, string kind, Actor actor, DateTimeOffset at, string summaryVi, string summaryEn, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new TimelineEntry
        {
            Id = RowIds.Next(),
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
        var key = db.TimelineKeys().Current;
        entry.KeyId = key.Id;
        entry.Hash = TimelineHasher.Hash(entry, key.Id, key.Secret);
        incident.TimelineLength = entry.Sequence;
        incident.TimelineHead = entry.Hash;
        incident.Version++;
        db.TimelineEntries.Add(entry);
        return entry;
    }

    /// <summary>At most <paramref name="max"/> characters, never ending in half a surrogate pair, with no NUL and no hidden character.</summary>
    public static string Cut(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace('\0', '\uFFFD');
        }

        value = HiddenCharacters.Visible(value);

        if (value.Length <= max)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..end];
    }

    /// <summary>Recomputes the chain: every hash under its key, every link, no gap, and the head the incident remembers.</summary>
    public static Task<TimelineVerification> VerifyAsync(this TriageDbContext db, Incident incident, CancellationToken cancellationToken) =>
        db.VerifyAsync(incident, checkpoints: null, cancellationToken);

    /// <summary>Recomputes the chain and compares it with the checkpoints kept outside the database.</summary>
    public static async Task<TimelineVerification> VerifyAsync(
        this TriageDbContext db, Incident incident, CheckpointHistory? checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        // Read as a stream: an incident's whole timeline is never held at once.
        var entries = db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await TimelineVerifier.VerifyAsync(incident, entries, db.TimelineKeys(), checkpoints, cancellationToken);
    }

    /// <summary>The key ring of the Host this context belongs to (registered by the triage role).</summary>
    public static TimelineKeyRing TimelineKeys(this TriageDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<TimelineKeyRing>();
    }
}
