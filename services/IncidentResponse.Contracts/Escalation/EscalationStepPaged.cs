namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A due escalation step paged its targets (one notification each); on the incident timeline, and
/// escalation's proof that the step it fired was carried out. <paramref name="Repeat"/>: the answer to a
/// step sent again that had paged already (nothing new was sent; not a new timeline entry).
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
    bool Repeat = false);
