namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>One incident whose timeline failed verification (or that a checkpoint names and the database lacks).</summary>
public sealed record IncidentTimelineProblem(Guid IncidentId, string? Number, IReadOnlyList<string> Problems, TimelineCheckpointStatus? Checkpoint);
