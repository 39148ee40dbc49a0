namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// The engaged unit declined, with its reason; the committee's standing office is engaged at once
/// (<paramref name="HandedTo"/>). Escalation stops the unit's chain.
/// </summary>
public sealed record EngagementDeclined(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string Reason,
    string DeclinedBy,
    string Channel,
    string HandedTo,
    DateTimeOffset DeclinedAt);
