using System.Text.Json;
using IncidentResponse.Contracts.Api.Documents;

namespace IncidentResponse.Triage.Documents;

/// <summary>Issued documents and their sendings as the API answers them (<see cref="IncidentResponse.Contracts.Api.Documents"/>).</summary>
public static class IssuedDocumentViews
{
    public static IssuedDocumentView View(IssuedDocument d, string incidentNumber, IEnumerable<DocumentSending> sendings)
    {
        ArgumentNullException.ThrowIfNull(d);
        var (vi, en) = FormNames.Names[d.Form];
        return new IssuedDocumentView(d.Id, d.IncidentId, incidentNumber, d.Form, vi, en, d.Version, d.Title, d.FileName, d.PdfSha256, d.PdfSize,
            d.DocxSha256, d.DocxSize, d.IssuedBy, d.IssuedAt, d.TimelineSequence,
            JsonSerializer.Deserialize<DocumentEdits>(d.Edits, DocumentIssuer.EditsJson) ?? new DocumentEdits(),
            [.. sendings.Where(s => s.DocumentId == d.Id).OrderBy(s => s.RequestedAt.UtcTicks).Select(Sending)]);
    }

    public static DocumentSendingView Sending(DocumentSending s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new DocumentSendingView(s.Id, s.DocumentId, s.DutyId, s.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries), s.RequestedBy, s.RequestedAt);
    }

    /// <summary>The stored row without its files, for lists (the files are read only to download or send them).</summary>
    public static IQueryable<IssuedDocument> WithoutFiles(IQueryable<IssuedDocument> documents) => documents.Select(d => new IssuedDocument
    {
        Id = d.Id, IncidentId = d.IncidentId, Form = d.Form, Version = d.Version, Title = d.Title, FileName = d.FileName, Edits = d.Edits,
        Pdf = Array.Empty<byte>(), PdfSha256 = d.PdfSha256, PdfSize = d.PdfSize, Docx = Array.Empty<byte>(), DocxSha256 = d.DocxSha256, DocxSize = d.DocxSize,
        IssuedById = d.IssuedById, IssuedBy = d.IssuedBy, IssuedAt = d.IssuedAt, TimelineSequence = d.TimelineSequence,
        IdempotencyKey = d.IdempotencyKey, RequestHash = d.RequestHash,
    });
}
