namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>Whether an incident's timeline chain is intact (<c>GET /api/v1/incidents/{id}/timeline/verify</c>), with what is wrong if not.</summary>
public sealed record TimelineVerification(bool Valid, int Entries, string? HeadHash, IReadOnlyList<string> Problems);
