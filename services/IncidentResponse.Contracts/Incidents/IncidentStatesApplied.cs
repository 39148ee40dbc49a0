namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// The answers of one service to the <see cref="IncidentTriaged"/> states it applied in one commit: one message
/// per batch instead of one <see cref="IncidentStateApplied"/> per incident (still consumed, for messages
/// published before batches).
/// </summary>
public sealed record IncidentStatesApplied(IReadOnlyList<IncidentStateApplied> States);
