namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>Where an engagement's escalation stands (<c>GET /api/v1/engagements/{id}/escalation</c>); <see cref="State"/> is one of <see cref="Vocabulary.ChainStates.All"/>.</summary>
public sealed record ChainView(
    Guid EngagementId, Guid IncidentId, string IncidentNumber, string Unit, string PolicyId, string PolicyVersion, string State, int Round,
    int? NextStep, string? NextTimer, DateTimeOffset? NextDueAt, DateTimeOffset StartedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<StepView> Steps);
