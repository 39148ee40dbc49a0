namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>Where and how often the timeline's heads are checkpointed outside the database (<c>Timeline</c> section).</summary>
public sealed class TimelineCheckpointOptions
{
    public const string Section = "Timeline";

    /// <summary>The append-only JSON-lines file of signed checkpoints; unset: <c>&lt;data&gt;/timeline-checkpoints.jsonl</c>.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>How often the heads that moved are checkpointed (and once at start).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(15);

    public string FilePath(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(CheckpointFile) ? Path.Combine(dataDirectory, "timeline-checkpoints.jsonl") : CheckpointFile);
}
