namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Routing engaged a partner unit on an incident: one per (incident, unit), with the rule that
/// caused it. Re-triage that raises severity may engage more units, never the same one twice.
/// Announced again (<paramref name="Repeat"/>, not a new timeline entry) until escalation answers
/// <see cref="Escalation.EscalationChainStarted"/>. A unit the committee engaged by hand (rule <c>manual</c>) carries who
/// engaged it (<paramref name="EngagedBy"/>) and why (<paramref name="Reason"/>); routing's engagements carry neither.
/// </summary>
public sealed record UnitEngaged(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string UnitNameVi,
    string UnitNameEn,
    string RuleId,
    string RoutingVersion,
    int SeverityLevel,
    bool Serious,
    int Recipients,
    DateTimeOffset EngagedAt,
    bool Repeat = false,
    string? EngagedBy = null,
    string? Reason = null);
