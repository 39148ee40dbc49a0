namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Routing engaged these units (on one or several incidents) in one commit: one message per routing commit
/// instead of one <see cref="UnitEngaged"/> per unit (still consumed, for messages published before batches).
/// Each element keeps its own meaning, including <see cref="UnitEngaged.Repeat"/>.
/// </summary>
public sealed record UnitsEngaged(IReadOnlyList<UnitEngaged> Engagements);
