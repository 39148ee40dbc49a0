namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The issued official document a notice carries (kind <see cref="NoticeKind.Document"/>): which form and version,
/// the SHA-256 of each file as the incident's timeline records it, and the duty it is sent for.
/// </summary>
public sealed record DocumentRef(
    Guid DocumentId, string Form, string FormNameVi, string FormNameEn, int Version, string FileName, string PdfSha256, string DocxSha256,
    string IssuedBy, DateTimeOffset IssuedAt, string? DutyNameVi, string? DutyNameEn, string? DutyBasis);
