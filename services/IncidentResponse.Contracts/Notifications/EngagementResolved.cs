namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// The engaged unit finished its part. Escalation stops every timer of the engagement.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// </summary>
public sealed record EngagementResolved(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string? Summary,
    string ResolvedBy,
    string Channel,
    DateTimeOffset ResolvedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
