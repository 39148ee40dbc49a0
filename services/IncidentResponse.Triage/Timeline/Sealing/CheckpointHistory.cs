using IncidentResponse.Contracts.Api.Incidents;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>The checkpoints of the file that verified (signature and chain), indexed by incident, and what is wrong with the file.</summary>
public sealed class CheckpointHistory
{
    private readonly Dictionary<Guid, List<TimelineCheckpointMark>> _marks = [];
    private readonly Dictionary<Guid, int> _legacy = [];
    private readonly Dictionary<Guid, string> _numbers = [];

    public CheckpointHistory(IReadOnlyList<TimelineCheckpoint> checkpoints, IReadOnlyList<string> problems, bool available = true)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        Checkpoints = checkpoints;
        Problems = problems;
        Available = available;
        foreach (var checkpoint in checkpoints)
        {
            foreach (var head in checkpoint.Heads)
            {
                if (!_marks.TryGetValue(head.Incident, out var marks))
                {
                    _marks[head.Incident] = marks = [];
                }

                marks.Add(new TimelineCheckpointMark(checkpoint.Sequence, checkpoint.Instant, head.Length, head.Head));
                _legacy[head.Incident] = Math.Max(_legacy.GetValueOrDefault(head.Incident), head.Legacy);
                _numbers[head.Incident] = head.Number;
            }
        }
    }

    public static CheckpointHistory Empty { get; } = new([], []);

    public static CheckpointHistory Unavailable(string problem) => new([], [problem], available: false);

    public IReadOnlyList<TimelineCheckpoint> Checkpoints { get; }

    public IReadOnlyList<string> Problems { get; }

    public bool Available { get; }

    public TimelineCheckpoint? Last => Checkpoints.Count == 0 ? null : Checkpoints[^1];

    public IReadOnlyCollection<Guid> Incidents => _marks.Keys;

    public string? NumberOf(Guid incident) => _numbers.GetValueOrDefault(incident);

    /// <summary>What the checkpoints recorded of <paramref name="incident"/>, oldest first.</summary>
    public IReadOnlyList<TimelineCheckpointMark> For(Guid incident) => _marks.TryGetValue(incident, out var marks) ? marks : [];

    public TimelineCheckpointMark? Latest(Guid incident) => _marks.TryGetValue(incident, out var marks) ? marks[^1] : null;

    /// <summary>How many legacy (unkeyed) entries of <paramref name="incident"/> a checkpoint vouched for.</summary>
    public int VouchedLegacy(Guid incident) => _legacy.GetValueOrDefault(incident);
}
