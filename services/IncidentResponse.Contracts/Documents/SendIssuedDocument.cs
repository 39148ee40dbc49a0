namespace IncidentResponse.Contracts.Documents;

/// <summary>
/// Send an issued official document by e-mail, its PDF and DOCX attached, to each recipient: a directory unit code, a
/// legal recipient role (a unit kind with one active unit) or an e-mail address. Sent by triage when a person asks
/// (<see cref="SendingId"/> is that request, so a repeated message sends nothing more); the bytes are the issued ones,
/// whose SHA-256 the incident's timeline records. Each recipient's delivery is a notification (origin <c>document</c>)
/// whose outcome comes back as <c>NotificationDelivered</c> / <c>NotificationFailed</c>. A periodic report's form (Mẫu 05) is
/// about no incident: <see cref="IncidentId"/> is empty, <see cref="IncidentNumber"/> is the report's <c>{kind}:{year}</c>, its
/// hashes are stored with its version (no timeline), and its outcome stays in the deliveries list.
/// </summary>
public sealed record SendIssuedDocument(
    Guid SendingId,
    Guid DocumentId,
    Guid IncidentId,
    string IncidentNumber,
    string Form,
    string FormNameVi,
    string FormNameEn,
    int Version,
    string FileName,
    byte[] Pdf,
    string PdfSha256,
    byte[] Docx,
    string DocxSha256,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    IReadOnlyList<string> Recipients,
    string? DutyId,
    string? DutyNameVi,
    string? DutyNameEn,
    string? DutyBasis,
    string RequestedBy,
    DateTimeOffset RequestedAt);
