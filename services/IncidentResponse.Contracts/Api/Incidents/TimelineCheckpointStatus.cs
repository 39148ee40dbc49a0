namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// How an incident's timeline compares with the signed checkpoints kept outside the database. <c>State</c>:
/// <c>matches</c> (every checkpoint naming the incident still matches), <c>diverged</c> (from
/// <see cref="FirstDiverging"/> on; <see cref="LastMatching"/> is the last one that still matches), <c>none</c>
/// (no checkpoint names it yet) or <c>unavailable</c> (the checkpoint file cannot be read).
/// </summary>
public sealed record TimelineCheckpointStatus(string State, int Checkpoints, TimelineCheckpointMark? LastMatching, TimelineCheckpointMark? FirstDiverging);
