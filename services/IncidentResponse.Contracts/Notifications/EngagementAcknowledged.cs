namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// A recipient confirmed receipt of a notification for an engagement (QĐ 05 Điều 12: receivers
/// acknowledge at once). Escalation stops paging the unit's chain on it.
/// </summary>
public sealed record EngagementAcknowledged(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    Guid? NotificationId,
    string AcknowledgedBy,
    string Channel,
    DateTimeOffset AcknowledgedAt);
