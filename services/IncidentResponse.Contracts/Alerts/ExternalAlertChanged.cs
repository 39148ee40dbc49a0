namespace IncidentResponse.Contracts.Alerts;

/// <summary>
/// A monitoring source said more about an alert it raised before (the alert's first report is
/// <paramref name="ReportId"/>): it fired again (<c>repeated</c>), someone at the source took it
/// (<c>acknowledged</c>), or it recovered (<c>resolved</c>). Triage writes it on the timeline of the
/// incident that report belongs to and, for a resolve with <paramref name="CloseIncident"/>, closes it.
/// Repeats are announced at most every <c>Intake:Machine:RepeatNoticeEvery</c>: <paramref name="Triggers"/> counts every
/// trigger of the alert so far, <paramref name="Unannounced"/> the triggers this message is the first to tell (a repeat
/// counts itself; both 0 from a Host that did not count them).
/// </summary>
public sealed record ExternalAlertChanged(
    Guid AlertId,
    Guid ReportId,
    Guid IntegrationId,
    string Change,
    string Source,
    string Channel,
    string DedupKey,
    string? Summary,
    bool CloseIncident,
    DateTimeOffset OccurredAt,
    int Triggers = 0,
    int Unannounced = 0);
