namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A step of an engagement's escalation policy fell due while nobody had acknowledged: page its
/// targets. The notifications service checks the engagement's state and creates the pages in one
/// transaction, so a step that loses the race with an acknowledgement pages nobody.
/// <para><c>Round</c>: 1 for the first pass through the policy; each repeat or re-trigger adds one.</para>
/// <para><c>Step</c>: 1-based index of the step in the policy.</para>
/// <para><c>Retrigger</c>: The acknowledgement timed out (nobody accepted, declined or resolved in time): the engagement goes back to notified and pages again.</para>
/// </summary>
public sealed record EscalationStepDue(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string PolicyId,
    string PolicyVersion,
    int Round,
    int Step,
    bool Retrigger,
    IReadOnlyList<PageTarget> Targets,
    DateTimeOffset DueAt,
    DateTimeOffset FiredAt);
