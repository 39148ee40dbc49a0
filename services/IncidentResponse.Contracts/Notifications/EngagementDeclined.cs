namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// The engaged unit declined, with its reason; the committee's standing office is engaged at once
/// (<paramref name="HandedTo"/>). Escalation stops the unit's chain.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// <c>HandedToNameVi</c>/<c>HandedToNameEn</c>: likewise for <c>HandedTo</c>.
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
    DateTimeOffset DeclinedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null,
    string? HandedToNameVi = null,
    string? HandedToNameEn = null);
