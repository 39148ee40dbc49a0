namespace IncidentResponse.Contracts.Escalation;

/// <summary>A due escalation step paged its targets (one notification each); on the incident timeline.</summary>
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
    DateTimeOffset PagedAt);
