namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>
/// The timeline key, kept outside the database: <c>Security:TimelineKey</c> keys new timeline entries and
/// checkpoints; <c>Security:TimelineRetiredKeys</c> only verifies what older keys sealed (rotation).
/// </summary>
public sealed class TimelineKeyOptions
{
    public const string Section = "Security";

    /// <summary>The current key (at least 32 characters). Unset in the embedded default: generated into <c>&lt;data&gt;/timeline.key</c>.</summary>
    public string? TimelineKey { get; set; }

    /// <summary>Former keys, for verification only: entries and checkpoints they sealed still verify.</summary>
    public List<string> TimelineRetiredKeys { get; set; } = [];
}
