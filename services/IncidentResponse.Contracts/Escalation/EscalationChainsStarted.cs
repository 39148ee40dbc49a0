namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Escalation's answers to the engagements it started chains for in one commit: one message instead of one
/// <see cref="EscalationChainStarted"/> each (still consumed, for messages published before batches).
/// </summary>
public sealed record EscalationChainsStarted(IReadOnlyList<EscalationChainStarted> Chains);
