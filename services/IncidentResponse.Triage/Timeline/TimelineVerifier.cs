using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Timeline.Sealing;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// Checks one incident's chain: sequence without gaps, each link, each hash under the key it names (or the
/// legacy hash for entries from before keying, which may only come first and only as many as a checkpoint
/// vouched for), the head the incident row remembers, and the heads the checkpoints recorded outside the
/// database. A database writer without the key can change rows and recompute plain hashes, not keyed ones,
/// and cannot make a truncated chain match a checkpoint.
/// </summary>
public static class TimelineVerifier
{
    public static TimelineVerification Verify(Incident incident, IReadOnlyList<TimelineEntry> entries, TimelineKeyRing keys, CheckpointHistory? checkpoints)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(keys);
        var problems = new List<string>();
        var firstBad = int.MaxValue; // the lowest sequence with a problem: checkpoints beyond it no longer match
        var previous = TimelineHasher.Genesis;
        var (keyed, legacy) = (0, 0);
        var keyIds = new SortedSet<string>(StringComparer.Ordinal);
        void Problem(int sequence, string text)
        {
            problems.Add(text);
            firstBad = Math.Min(firstBad, sequence);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                Problem(i + 1, $"entry {i + 1} is missing (found {entry.Sequence})");
            }

            if (entry.PreviousHash != previous)
            {
                Problem(entry.Sequence, $"entry {entry.Sequence} does not follow the entry before it");
            }

            if (entry.KeyId is null)
            {
                legacy++;
                if (keyed > 0)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} is unkeyed (legacy) after keyed entries");
                }
                else if (TimelineHasher.Hash(entry) != entry.Hash)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} was changed after it was written");
                }
            }
            else
            {
                keyed++;
                keyIds.Add(entry.KeyId);
                if (keys.Find(entry.KeyId) is not { } key)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} is sealed with key {entry.KeyId}, which this Host does not have");
                }
                else if (TimelineHasher.Hash(entry, key.Id, key.Secret) != entry.Hash)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} was changed after it was written");
                }
            }

            previous = entry.Hash;
        }

        if (entries.Count != incident.TimelineLength || (entries.Count > 0 && previous != incident.TimelineHead))
        {
            Problem(entries.Count + 1, $"the incident records {incident.TimelineLength} entries ending in {incident.TimelineHead}, the timeline has {entries.Count} ending in {previous}");
        }

        TimelineCheckpointStatus? status = null;
        if (checkpoints is not null)
        {
            status = Compare(incident, entries, checkpoints, firstBad, problems);
            var vouched = checkpoints.VouchedLegacy(incident.Id);
            if (legacy > vouched && checkpoints.Checkpoints.Count > 0)
            {
                problems.Add($"entries 1–{legacy} are unkeyed (legacy) but the checkpoints vouch for {vouched}: unkeyed entries were written after the chain was keyed");
            }
        }

        return new TimelineVerification(
            problems.Count == 0, entries.Count, entries.Count == 0 ? null : previous, problems, keyed, legacy, [.. keyIds], status);
    }

    private static TimelineCheckpointStatus Compare(
        Incident incident, IReadOnlyList<TimelineEntry> entries, CheckpointHistory checkpoints, int firstBad, List<string> problems)
    {
        if (!checkpoints.Available)
        {
            return new TimelineCheckpointStatus("unavailable", 0, null, null);
        }

        var marks = checkpoints.For(incident.Id);
        if (marks.Count == 0)
        {
            return new TimelineCheckpointStatus("none", 0, null, null);
        }

        TimelineCheckpointMark? lastMatching = null;
        foreach (var mark in marks)
        {
            var matches = mark.Length < firstBad && mark.Length <= entries.Count && mark.Length >= 1
                && entries[mark.Length - 1].Sequence == mark.Length && entries[mark.Length - 1].Hash == mark.Head;
            if (!matches)
            {
                var since = lastMatching is null
                    ? "no earlier checkpoint matches"
                    : $"the last checkpoint that still matches is #{lastMatching.Sequence} of {lastMatching.At:u} ({lastMatching.Length} entries)";
                problems.Add($"the timeline no longer matches checkpoint #{mark.Sequence} of {mark.At:u}, which recorded {mark.Length} entries ending in {mark.Head}; {since}");
                return new TimelineCheckpointStatus("diverged", marks.Count, lastMatching, mark);
            }

            lastMatching = mark;
        }

        return new TimelineCheckpointStatus("matches", marks.Count, lastMatching, null);
    }
}
