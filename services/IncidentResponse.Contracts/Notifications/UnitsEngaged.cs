using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Routing engaged these units (on one or several incidents) in one commit: one message per routing commit
/// instead of one <see cref="UnitEngaged"/> per unit (still consumed, for messages published before batches).
/// Each element keeps its own meaning, including <see cref="UnitEngaged.Repeat"/>.
/// <para>
/// <paramref name="AppliedStates"/>: when the commit that engaged them also applied incident states, notifications'
/// answers to those states (<see cref="IncidentStatesApplied"/>) ride along instead of going as a message of their own.
/// Empty from versions before it; those answered separately.
/// </para>
/// </summary>
public sealed record UnitsEngaged(IReadOnlyList<UnitEngaged> Engagements, IReadOnlyList<IncidentStateApplied>? AppliedStates = null);
