namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// Every incident's timeline verified at once (<c>GET /api/v1/timeline/verify</c>): totals, the newest checkpoint,
/// problems of the checkpoint file itself, and each incident whose timeline is not intact.
/// </summary>
public sealed record TimelineRegisterVerification(
    bool Valid, DateTimeOffset CheckedAt, int Incidents, int Entries, int KeyedEntries, int LegacyEntries,
    int Checkpoints, long? LastCheckpoint, DateTimeOffset? LastCheckpointAt, IReadOnlyList<string> CheckpointProblems,
    IReadOnlyList<IncidentTimelineProblem> Failures);
