namespace IncidentResponse.Contracts.Api.Reports;

/// <summary>
/// A file that came with a report (<c>GET /api/v1/reports/{id}/attachments</c>): its name and type as sent, size and SHA-256;
/// <see cref="Kept"/> is false for a file over the size limit, of which only the hash and size are kept.
/// </summary>
public sealed record AttachmentView(Guid Id, int Position, string FileName, string ContentType, long Size, string Sha256, bool Kept);
