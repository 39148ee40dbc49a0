using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// An incident in a list (<c>GET /api/v1/incidents</c>): what people read first, with the next legal deadline; <c>Drill</c>: an exercise
/// (diễn tập); <c>SeriousUndetermined</c>: the serious-incident test lacks a fact to decide and no person has decided
/// (<see cref="SeriousTest.Undetermined"/>).
/// </summary>
public sealed record IncidentSummary(
    Guid Id, string Number, string Title, StatusView Status, SeverityView Severity, bool Serious, string Classification, string Tlp,
    int ReportCount, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, LegalDeadline? NextDeadline, bool Drill = false,
    bool SeriousUndetermined = false);
