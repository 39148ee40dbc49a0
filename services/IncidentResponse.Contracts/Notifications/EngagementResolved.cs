namespace IncidentResponse.Contracts.Notifications;

/// <summary>The engaged unit finished its part. Escalation stops every timer of the engagement.</summary>
public sealed record EngagementResolved(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string? Summary,
    string ResolvedBy,
    string Channel,
    DateTimeOffset ResolvedAt);
