namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>
/// Where an engagement's escalation stands (<c>GET /api/v1/engagements/{id}/escalation</c>); <see cref="State"/> is one of
/// <see cref="Vocabulary.ChainStates.All"/>. <see cref="PreviousPolicyId"/> and <see cref="PolicySwitchedAt"/>: the incident's facts
/// made another policy apply (null when the chain kept its first policy).
/// </summary>
public sealed record ChainView(
    Guid EngagementId, Guid IncidentId, string IncidentNumber, string Unit, string PolicyId, string PolicyVersion, string State, int Round,
    int? NextStep, string? NextTimer, DateTimeOffset? NextDueAt, DateTimeOffset StartedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EndedAt,
    IReadOnlyList<StepView> Steps,
    string? PreviousPolicyId = null,
    DateTimeOffset? PolicySwitchedAt = null,
    string? PolicyNameVi = null,
    string? PolicyNameEn = null);
