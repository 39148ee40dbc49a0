namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// One issued version of a periodic report's form (Mẫu 05) for one period (<c>POST /api/v1/periodic-reports/{kind}/{year}/issue</c>):
/// immutable once issued, numbered per report and year from 1. <see cref="Counts"/> are the figures the form states, as counted
/// when it was issued (later incidents do not change them); the SHA-256 of each file (lower-case hex) is stored with it, and
/// <see cref="Pdf"/> / <see cref="Docx"/> (<c>GET …/issued/{id}?format=pdf|docx</c>) return exactly those bytes.
/// <see cref="Sendings"/> are the times it was sent by e-mail.
/// </summary>
public sealed record PeriodicDocumentView(
    Guid Id, string ReportId, string Kind, int Year, int Version, string Title, string FileName, string PdfSha256, long PdfSize,
    string DocxSha256, long DocxSize, string IssuedBy, DateTimeOffset IssuedAt, IReadOnlyList<PeriodicCountView> Counts, string Pdf, string Docx,
    IReadOnlyList<Documents.DocumentSendingView> Sendings);
