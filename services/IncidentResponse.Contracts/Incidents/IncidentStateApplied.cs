namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// A service that keeps a copy of incidents (notifications, escalation) holds this state of one now:
/// its answer to <see cref="IncidentTriaged"/>, given again for every repeat. Triage sends the state
/// again until each such service has answered with its current <paramref name="StateVersion"/>.
/// </summary>
public sealed record IncidentStateApplied(Guid IncidentId, int StateVersion, string Service, DateTimeOffset AppliedAt);
