namespace IncidentResponse.Contracts.Api.Evidence;

/// <summary>
/// One item of an incident's evidence register (<c>GET /api/v1/incidents/{id}/evidence</c>): a file kept exactly as
/// uploaded, numbered within the incident (CC-1, CC-2 …), with its SHA-256, what it is, where and by whom it was
/// collected, who holds it now and every hand-over since (<see cref="Custody"/>), each also on the incident's timeline.
/// </summary>
public sealed record EvidenceView(
    Guid Id, Guid IncidentId, int Number, string FileName, string ContentType, long Size, string Sha256, string Description, string? Source,
    DateTimeOffset CollectedAt, string CollectedBy, string Custodian, string AddedBy, DateTimeOffset AddedAt, int TimelineSequence,
    IReadOnlyList<CustodyTransferView> Custody)
{
    /// <summary>"CC-3": how forms and people refer to the item within its incident.</summary>
    public string Label => EvidenceLimits.Label(Number);
}
