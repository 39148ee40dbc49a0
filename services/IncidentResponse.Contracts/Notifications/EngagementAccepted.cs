namespace IncidentResponse.Contracts.Notifications;

/// <summary>The engaged unit took the incident on (implies receipt). Escalation stops its acknowledgement timeout.</summary>
public sealed record EngagementAccepted(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string AcceptedBy,
    string Channel,
    DateTimeOffset AcceptedAt);
