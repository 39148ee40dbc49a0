namespace IncidentResponse.Escalation.Chains;

/// <summary>The timer a sweep found due on a chain: what it does, for which round and step.</summary>
public readonly record struct DueStep(Guid ChainId, string Kind, int Round, int Step);
