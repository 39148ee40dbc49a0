namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// One issued version of an official document (<c>POST …/documents/{form}/issue</c>, <c>GET …/documents/issued</c>):
/// immutable once issued. <see cref="Version"/> counts per incident and form from 1. The SHA-256 of each file (lower-case
/// hex) is the one written on the incident's timeline, and <c>GET …/documents/issued/{id}?format=pdf|docx</c> returns
/// exactly those bytes. <see cref="Sendings"/> are the times it was sent by e-mail.
/// </summary>
public sealed record IssuedDocumentView(
    Guid Id, Guid IncidentId, string IncidentNumber, string Form, string FormNameVi, string FormNameEn, int Version, string Title, string FileName,
    string PdfSha256, long PdfSize, string DocxSha256, long DocxSize, string IssuedBy, DateTimeOffset IssuedAt, int TimelineSequence,
    DocumentEdits Edits, IReadOnlyList<DocumentSendingView> Sendings);
