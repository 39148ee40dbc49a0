namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>One engagement and its milestones (<c>/api/v1/engagements/{id}</c> and its actions, and the partner portal); <see cref="State"/> is one of <see cref="Vocabulary.EngagementStates.All"/>;
/// <see cref="EngagedBy"/> and <see cref="EngagedReason"/> are set when the committee engaged the unit by hand (rule <c>manual</c>).</summary>
public sealed record EngagementDetail(
    Guid Id, Guid IncidentId, string IncidentNumber, string Unit, string RuleId, string RoutingVersion, int SeverityLevel, bool Serious, string State,
    DateTimeOffset EngagedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgedVia,
    DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? DeclinedAt, string? DeclinedBy, string? DeclineReason, string? HandedTo,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionSummary, int CurrentRound, int CurrentStep,
    string? EngagedBy = null, string? EngagedReason = null);
