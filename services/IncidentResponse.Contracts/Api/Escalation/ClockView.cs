namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>A legal deadline's clock (<c>GET /api/v1/incidents/{id}/deadline-clocks</c>); <see cref="State"/> is one of <see cref="Vocabulary.ClockStates.All"/>.</summary>
public sealed record ClockView(string DeadlineId, string NameVi, string NameEn, string Basis, DateTimeOffset DueAt, string State, int AlertsSent,
    DateTimeOffset? NextAlertAt);
