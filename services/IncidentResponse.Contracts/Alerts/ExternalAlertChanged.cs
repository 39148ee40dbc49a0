namespace IncidentResponse.Contracts.Alerts;

/// <summary>
/// A monitoring source said more about an alert it raised before (the alert's first report is
/// <paramref name="ReportId"/>): it fired again (<c>repeated</c>), someone at the source took it
/// (<c>acknowledged</c>), or it recovered (<c>resolved</c>). Triage writes it on the timeline of the
/// incident that report belongs to and, for a resolve with <paramref name="CloseIncident"/>, closes it.
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
    DateTimeOffset OccurredAt);
