namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>An engagement of a unit with its notifications (<c>GET /api/v1/incidents/{id}/engagements</c>); <see cref="State"/> is one of <see cref="Vocabulary.EngagementStates.All"/>.</summary>
public sealed record EngagementView(Guid Id, string Unit, string RuleId, string RoutingVersion, int SeverityLevel, bool Serious,
    DateTimeOffset EngagedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgedVia, IReadOnlyList<DeliverySummary> Deliveries,
    string State, DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? DeclinedAt, string? DeclinedBy, string? DeclineReason, string? HandedTo,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionSummary, int CurrentRound, int CurrentStep,
    string? EngagedBy = null, string? EngagedReason = null);
