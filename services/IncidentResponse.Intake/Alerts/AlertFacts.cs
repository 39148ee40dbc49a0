namespace IncidentResponse.Intake.Alerts;

/// <summary>
/// What a machine said about an event, whatever its wire format: the Events API v2 payload
/// fields, with <paramref name="Details"/> as text (custom details, labels, links).
/// </summary>
public sealed record AlertFacts(
    string Summary,
    string Source,
    string Severity,
    DateTimeOffset? Timestamp,
    string? Component,
    string? Group,
    string? Class,
    string? Details);
