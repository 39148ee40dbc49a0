namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A due escalation step paged its targets (one notification each); on the incident timeline, and
/// escalation's proof that the step it fired was carried out. <paramref name="Repeat"/>: the answer to a
/// step sent again that had paged already (nothing new was sent; not a new timeline entry).
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// </summary>
public sealed record EscalationStepPaged(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string PolicyId,
    int Round,
    int Step,
    bool Retrigger,
    IReadOnlyList<string> Recipients,
    DateTimeOffset PagedAt,
    bool Repeat = false,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
