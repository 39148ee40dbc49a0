namespace IncidentResponse.Contracts.Api.Analytics;

/// <summary>
/// Incidents opened in one period (a day, an ISO week from Monday or a month, in the committee's time zone):
/// in all, serious ones, and by RSIT class and by severity level (0–5, as text keys).
/// </summary>
public sealed record IncidentPeriodFigures(
    string Period,
    DateTimeOffset Start,
    long Incidents,
    long Serious,
    IReadOnlyDictionary<string, long> ByClass,
    IReadOnlyDictionary<string, long> BySeverity);
