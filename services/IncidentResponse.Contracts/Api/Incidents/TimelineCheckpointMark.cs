namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>What checkpoint number <c>Sequence</c>, written at <c>At</c>, recorded of a timeline: its length and head hash.</summary>
public sealed record TimelineCheckpointMark(long Sequence, DateTimeOffset At, int Length, string Head);
