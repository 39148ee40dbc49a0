namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// Whether an incident's timeline chain is intact (<c>GET /api/v1/incidents/{id}/timeline/verify</c>), with what is
/// wrong if not: how many entries are sealed with a timeline key and how many are legacy (unkeyed, from before the
/// chain was keyed), the keys used, and how the chain compares with the checkpoints written outside the database.
/// </summary>
public sealed record TimelineVerification(
    bool Valid, int Entries, string? HeadHash, IReadOnlyList<string> Problems,
    int KeyedEntries = 0, int LegacyEntries = 0, IReadOnlyList<string>? KeyIds = null, TimelineCheckpointStatus? Checkpoint = null);
