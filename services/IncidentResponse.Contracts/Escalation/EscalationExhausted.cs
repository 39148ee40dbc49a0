namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Every step and repeat of an engagement's policy ran and nobody acknowledged; on the timeline.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, as its engagement announced them, for sentences
/// people read (null in messages from before they were carried: the timeline then names the unit by its code).
/// </summary>
public sealed record EscalationExhausted(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string PolicyId,
    int Rounds,
    DateTimeOffset ExhaustedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
