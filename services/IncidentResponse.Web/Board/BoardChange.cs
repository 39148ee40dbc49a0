namespace IncidentResponse.Web.Board;

/// <summary>Something on the board changed: what kind of event said so, and the incident it concerns.</summary>
public sealed record BoardChange(string Kind, Guid IncidentId, DateTimeOffset At);
