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
    public static TimelineVerification Verify(Incident incident, IEnumerable<TimelineEntry> entries, TimelineKeyRing keys, CheckpointHistory? checkpoints)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var check = new ChainCheck(incident, keys);
        foreach (var entry in entries)
        {
            check.Add(entry);
        }

        return check.Finish(checkpoints);
    }

    /// <summary>
    /// The same check over entries read one at a time (in sequence order): only each entry's hash is kept, so an incident
    /// with tens of thousands of entries (an alert storm correlated into one) is verified without holding them all.
    /// </summary>
    public static async Task<TimelineVerification> VerifyAsync(
        Incident incident, IAsyncEnumerable<TimelineEntry> entries, TimelineKeyRing keys, CheckpointHistory? checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var check = new ChainCheck(incident, keys);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            check.Add(entry);
        }

        return check.Finish(checkpoints);
    }

    /// <summary>The chain checked entry by entry; <see cref="Finish"/> adds the head, the checkpoints and the legacy count.</summary>
    private sealed class ChainCheck(Incident incident, TimelineKeyRing keys)
    {
        private readonly Incident _incident = incident ?? throw new ArgumentNullException(nameof(incident));
        private readonly TimelineKeyRing _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        private readonly List<string> _problems = [];
        private readonly List<string> _hashes = [];
        private readonly SortedSet<string> _keyIds = new(StringComparer.Ordinal);
        private int _firstBad = int.MaxValue; // the lowest sequence with a problem: checkpoints beyond it no longer match
        private string _previous = TimelineHasher.Genesis;
        private int _keyed;
        private int _legacy;

        public void Add(TimelineEntry entry)
        {
            var position = _hashes.Count + 1;
            if (entry.Sequence != position)
            {
                Problem(position, $"entry {position} is missing (found {entry.Sequence})");
            }

            if (entry.PreviousHash != _previous)
            {
                Problem(entry.Sequence, $"entry {entry.Sequence} does not follow the entry before it");
            }

            if (entry.KeyId is null)
            {
                _legacy++;
                if (_keyed > 0)
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
                _keyed++;
                _keyIds.Add(entry.KeyId);
                if (_keys.Find(entry.KeyId) is not { } key)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} is sealed with key {entry.KeyId}, which this Host does not have");
                }
                else if (TimelineHasher.Hash(entry, key.Id, key.Secret) != entry.Hash)
                {
                    Problem(entry.Sequence, $"entry {entry.Sequence} was changed after it was written");
                }
            }

            _previous = entry.Hash;
            _hashes.Add(entry.Hash);
        }

        public TimelineVerification Finish(CheckpointHistory? checkpoints)
        {
            var count = _hashes.Count;
            if (count != _incident.TimelineLength || (count > 0 && _previous != _incident.TimelineHead))
            {
                Problem(count + 1, $"the incident records {_incident.TimelineLength} entries ending in {_incident.TimelineHead}, the timeline has {count} ending in {_previous}");
            }

            TimelineCheckpointStatus? status = null;
            if (checkpoints is not null)
            {
                status = Compare(_incident, _hashes, checkpoints, _firstBad, _problems);
                var vouched = checkpoints.VouchedLegacy(_incident.Id);
                if (_legacy > vouched && checkpoints.Checkpoints.Count > 0)
                {
                    _problems.Add($"entries 1–{_legacy} are unkeyed (legacy) but the checkpoints vouch for {vouched}: unkeyed entries were written after the chain was keyed");
                }
            }

            return new TimelineVerification(
                _problems.Count == 0, count, count == 0 ? null : _previous, _problems, _keyed, _legacy, [.. _keyIds], status);
        }

        private void Problem(int sequence, string text)
        {
            _problems.Add(text);
            _firstBad = Math.Min(_firstBad, sequence);
        }
    }

    /// <summary>The checkpoints against the chain's hashes (<paramref name="hashes"/>[n - 1] is entry n's; an entry out of sequence made <paramref name="firstBad"/> no later than it).</summary>
    private static TimelineCheckpointStatus Compare(
        Incident incident, List<string> hashes, CheckpointHistory checkpoints, int firstBad, List<string> problems)
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
            var matches = mark.Length < firstBad && mark.Length <= hashes.Count && mark.Length >= 1 && hashes[mark.Length - 1] == mark.Head;
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
