namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Escalation holds the chain of an engagement: its answer to <see cref="Notifications.UnitEngaged"/>,
/// given again for every repeat. Notifications announces an engagement again until it is answered.
/// </summary>
public sealed record EscalationChainStarted(Guid EngagementId, Guid IncidentId, string State, DateTimeOffset StartedAt);
