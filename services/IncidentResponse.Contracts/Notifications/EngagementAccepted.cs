namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// The engaged unit took the incident on (implies receipt). Escalation stops its acknowledgement timeout.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// </summary>
public sealed record EngagementAccepted(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string AcceptedBy,
    string Channel,
    DateTimeOffset AcceptedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
