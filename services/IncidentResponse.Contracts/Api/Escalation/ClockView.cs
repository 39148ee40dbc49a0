namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>A legal deadline's clock (<c>GET /api/v1/incidents/{id}/deadline-clocks</c>).</summary>
public sealed record ClockView(string DeadlineId, string NameVi, string NameEn, string Basis, DateTimeOffset DueAt, string State, int AlertsSent,
    DateTimeOffset? NextAlertAt);
