using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>What became of a request to issue a document.</summary>
public abstract record IssueOutcome
{
    /// <summary>The version issued now, or (<paramref name="Replayed"/>) the one a retry under the same key issued before.</summary>
    public sealed record Issued(IssuedDocument Document, bool Replayed) : IssueOutcome;

    /// <summary>The key was used for another request (another form or other edits) that issued <paramref name="DocumentId"/>.</summary>
    public sealed record KeyReused(Guid DocumentId) : IssueOutcome;

    public sealed record NoIncident : IssueOutcome;
}

/// <summary>
/// Issues an official document: renders the form with the operator's edits as PDF and DOCX, stores both files with
/// their SHA-256 as the next version of that form, and writes the issue with the hashes on the incident's timeline,
/// in one transaction under the incident's lock (the timeline's writers line up on it).
/// </summary>
public static class DocumentIssuer
{
    /// <summary>How edits are stored: camelCase, the fields not given left out.</summary>
    public static JsonSerializerOptions EditsJson { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task<IssueOutcome> IssueAsync(
        TriageDbContext db, Guid incidentId, string form, DocumentEdits edits, Actor actor, string? idempotencyKey, string requestHash,
        TriageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        return db.RetryOnConflictAsync<IssueOutcome>(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancellationToken);
            if (idempotencyKey is not null && await db.IssuedDocuments.AsNoTracking()
                .FirstOrDefaultAsync(d => d.IncidentId == incidentId && d.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier.RequestHash == requestHash ? new IssueOutcome.Issued(earlier, Replayed: true) : new IssueOutcome.KeyReused(earlier.Id);
            }

            // With its duties: the A05 notice carries its duty's late reason (DocumentForms.PersonalDataBreachNotice).
            var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            if (incident is null)
            {
                return new IssueOutcome.NoIncident();
            }

            var now = TimelineHasher.ToStoredPrecision(time.GetUtcNow());
            var document = Render(await DocumentFacts.LoadAsync(db, incident, options, now, cancellationToken), form, edits);
            var pdf = PdfRenderer.Render(document);
            var docx = DocxRenderer.Render(document);
            var version = 1 + (await db.IssuedDocuments.Where(d => d.IncidentId == incidentId && d.Form == form).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0);
            var issued = new IssuedDocument
            {
                Id = RowIds.Next(), IncidentId = incidentId, Form = form, Version = version, Title = Cut(document.Title, 300), FileName = Cut(document.FileName, 200),
                Edits = JsonSerializer.Serialize(edits, EditsJson), Pdf = pdf, PdfSha256 = Sha256(pdf), PdfSize = pdf.Length,
                Docx = docx, DocxSha256 = Sha256(docx), DocxSize = docx.Length, IssuedById = Cut(actor.Id, 200), IssuedBy = Cut(actor.Name, 200), IssuedAt = now,
                IdempotencyKey = idempotencyKey, RequestHash = requestHash,
            };
            var (vi, en) = FormNames.Names[form];
            // Issued all the same (an e-mailed report rarely fills a form whole), but on the record: what the form left empty.
            var missing = document.MissingRequired().Select(m => m.ToString()).ToList();
            var missingVi = missing.Count == 0 ? "" : $". Trường bắt buộc (*) còn trống: {string.Join(", ", missing)}";
            var missingEn = missing.Count == 0 ? "" : $". Required fields (*) left empty: {string.Join(", ", missing)}";
            var entry = db.Append(incident, TimelineKinds.DocumentIssued, actor, now,
                $"Ban hành văn bản: {vi}, phiên bản {version}. SHA-256 PDF {issued.PdfSha256}; DOCX {issued.DocxSha256}{missingVi}",
                $"Document issued: {en}, version {version}. SHA-256 PDF {issued.PdfSha256}; DOCX {issued.DocxSha256}{missingEn}",
                new
                {
                    documentId = issued.Id, form, version, fileName = issued.FileName, pdfSha256 = issued.PdfSha256, docxSha256 = issued.DocxSha256,
                    pdfSize = issued.PdfSize, docxSize = issued.DocxSize, edited = DocumentEditing.Given(edits).Select(e => e.Field).ToList(), missing,
                });
            issued.TimelineSequence = entry.Sequence;
            db.IssuedDocuments.Add(issued);
            await db.SaveChangesAsync(cancellationToken);
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return new IssueOutcome.Issued(issued, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>The form as it would be issued now with <paramref name="edits"/> (also what a preview shows).</summary>
    public static OfficialDocument Render(IncidentFacts facts, string form, DocumentEdits edits) =>
        DocumentEditing.Apply(DocumentForms.For(form, facts), form, edits);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Cut(string value, int max) => ColumnText.Fit(value, max);
}
