namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A due escalation step paged nobody, and why (<see cref="Vocabulary.StepSkipReasons"/>): nobody on call (<c>no-oncall</c>), the engagement
/// was already acknowledged or closed (<c>acknowledged</c>), or no target could be reached
/// (<c>no-target</c>). On the incident timeline. When the engagement had moved on, <paramref name="EngagementState"/>
/// and <paramref name="MilestoneAt"/> say where it stands, so escalation catches up with a milestone it never heard of.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
/// </summary>
public sealed record EscalationStepSkipped(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string PolicyId,
    int Round,
    int Step,
    string Reason,
    string DetailVi,
    string DetailEn,
    DateTimeOffset SkippedAt,
    string? EngagementState = null,
    DateTimeOffset? MilestoneAt = null,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
