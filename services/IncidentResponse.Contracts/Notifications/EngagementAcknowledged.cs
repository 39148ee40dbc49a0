namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// A recipient confirmed receipt of a notification for an engagement (QĐ 05 Điều 12: receivers
/// acknowledge at once). Escalation stops paging the unit's chain on it.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// </summary>
public sealed record EngagementAcknowledged(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    Guid? NotificationId,
    string AcknowledgedBy,
    string Channel,
    DateTimeOffset AcknowledgedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
