namespace IncidentResponse.Contracts.Escalation;

/// <summary>Every step and repeat of an engagement's policy ran and nobody acknowledged; on the timeline.</summary>
public sealed record EscalationExhausted(
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string PolicyId,
    int Rounds,
    DateTimeOffset ExhaustedAt);
