using System.Text.Json;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Documents;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Periodic;

/// <summary>What became of a request to issue or send a periodic report's form.</summary>
public abstract record PeriodicOutcome
{
    /// <summary>The version issued now, or (<paramref name="Replayed"/>) the one a retry under the same key issued before.</summary>
    public sealed record Issued(PeriodicDocument Document, bool Replayed) : PeriodicOutcome;

    public sealed record Sent(DocumentSending Sending, bool Replayed) : PeriodicOutcome;

    /// <summary>The key was used for another request, which made <paramref name="Id"/>.</summary>
    public sealed record KeyReused(Guid Id) : PeriodicOutcome;

    public sealed record NotFound(string What, object Id) : PeriodicOutcome;

    /// <summary>The request cannot be done now (the period has not begun).</summary>
    public sealed record Refused(string Field, string Message) : PeriodicOutcome;
}

/// <summary>
/// Issues a periodic report's form (Mẫu 05) as an immutable version: the incidents of the period counted now, rendered as
/// PDF and DOCX, stored with their SHA-256 and the counts; and sends an issued version by e-mail (the same
/// <see cref="SendIssuedDocument"/> an incident's document goes by, about no incident). No timeline holds them: a version is
/// identified by the SHA-256 stored with it.
/// </summary>
public static class PeriodicDocuments
{
    /// <summary>The incident a periodic report's sending belongs to: none.</summary>
    public static readonly Guid NoIncident = Guid.Empty;

    /// <summary>The counts as JSON, the Vietnamese names as they are (not <c>\uXXXX</c>): ten rows stay far inside their column.</summary>
    private static readonly JsonSerializerOptions CountsJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task<PeriodicOutcome> IssueAsync(
        TriageDbContext db, PeriodicReportRule rule, int year, Actor actor, string? idempotencyKey, TriageOptions options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var reportId = PeriodicReports.IdOf(rule.Id, year);
        var requestHash = IssuedDocumentEndpoints.Hash("issue:" + reportId, []);
        return db.RetryOnConflictAsync<PeriodicOutcome>(async () =>
        {
            if (idempotencyKey is not null && await WithoutFiles(db.PeriodicDocuments.AsNoTracking())
                .FirstOrDefaultAsync(d => d.ReportId == reportId && d.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                // Keys are per report and an issue request carries nothing else: the same key is the same request.
                return new PeriodicOutcome.Issued(earlier, Replayed: true);
            }

            if (rule.Form != DocumentForms.Mau05)
            {
                return new PeriodicOutcome.Refused("form", $"Hệ thống chỉ lập được Mẫu 05, không lập được {rule.Form} / only Mẫu 05 can be issued here, not {rule.Form}");
            }

            var zone = options.Zone();
            var now = TimelineHasher.ToStoredPrecision(time.GetUtcNow());
            var (from, _) = PeriodicSummary.Period(year, rule.Half, zone);
            if (now < from)
            {
                return new PeriodicOutcome.Refused("year", $"Kỳ báo cáo bắt đầu từ {LocalTimes.Format(from, zone)}, chưa thể ban hành / the period begins at {LocalTimes.Format(from, zone)}; nothing to issue yet");
            }

            var counts = await PeriodicSummary.CountAsync(db, VietnameseIncidentTypes.In(options.RulesDirectory), zone, year, rule.Half, cancellationToken);
            var form = DocumentForms.PeriodicSummary(counts, zone, now);
            var pdf = PdfRenderer.Render(form);
            var docx = DocxRenderer.Render(form);
            var version = 1 + (await db.PeriodicDocuments.Where(d => d.ReportId == reportId).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0);
            var issued = new PeriodicDocument
            {
                Id = RowIds.Next(), ReportId = reportId, Kind = rule.Id, Year = year, Version = version, Form = rule.Form,
                Title = ColumnText.Fit(form.Title, 300), FileName = ColumnText.Fit(form.FileName, 200),
                Counts = JsonSerializer.Serialize(counts.ByType.Select(c => new PeriodicCountView(c.Type.Id, c.Type.Name.Vi, c.Type.Name.En, c.Count, c.Serious)).ToList(), CountsJson),
                Pdf = pdf, PdfSha256 = DocumentIssuer.Sha256(pdf), PdfSize = pdf.Length, Docx = docx, DocxSha256 = DocumentIssuer.Sha256(docx), DocxSize = docx.Length,
                IssuedById = ColumnText.Fit(actor.Id, 200), IssuedBy = ColumnText.Fit(actor.Name, 200), IssuedAt = now,
                IdempotencyKey = idempotencyKey, RequestHash = requestHash,
            };
            db.PeriodicDocuments.Add(issued);
            await db.SaveChangesAsync(cancellationToken);
            return new PeriodicOutcome.Issued(issued, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>
    /// Hands an issued version over to be e-mailed to <paramref name="recipients"/> (the rule's by default). Sending is not
    /// submitting: whether the mail arrived is in the deliveries list, and a person records the report submitted naming the
    /// version (<c>documentId</c> of <c>…/submit</c>), as with an incident's documents.
    /// </summary>
    public static Task<PeriodicOutcome> SendAsync(
        TriageDbContext db, PeriodicReportRule rule, int year, Guid documentId, IReadOnlyList<string>? recipients, Actor actor, string? idempotencyKey,
        string requestHash, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        var reportId = PeriodicReports.IdOf(rule.Id, year);
        return db.RetryOnConflictAsync<PeriodicOutcome>(async () =>
        {
            var document = await db.PeriodicDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ReportId == reportId, cancellationToken);
            if (document is null)
            {
                return new PeriodicOutcome.NotFound("document", documentId);
            }

            if (idempotencyKey is not null && await db.DocumentSendings.AsNoTracking()
                .FirstOrDefaultAsync(s => s.DocumentId == documentId && s.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier.RequestHash == requestHash ? new PeriodicOutcome.Sent(earlier, Replayed: true) : new PeriodicOutcome.KeyReused(earlier.Id);
            }

            string[] to = recipients is { Count: > 0 } given ? [.. given.Select(r => r.Trim())] : [.. rule.Recipients];
            if (to.Length == 0)
            {
                return new PeriodicOutcome.Refused("recipients", "Cần người nhận: quy định không nêu ai / recipients are required: the rule names none");
            }

            var now = time.GetUtcNow();
            var sending = new DocumentSending
            {
                Id = RowIds.Next(), DocumentId = document.Id, IncidentId = NoIncident, DutyId = ColumnText.Fit(rule.Id, 60), Recipients = string.Join(',', to),
                RequestedById = ColumnText.Fit(actor.Id, 200), RequestedBy = ColumnText.Fit(actor.Name, 200), RequestedAt = now,
                IdempotencyKey = idempotencyKey, RequestHash = requestHash,
            };
            db.DocumentSendings.Add(sending);

            var (vi, en) = FormNames.Names[document.Form];
            db.PublishAfterCommit(new SendIssuedDocument(
                sending.Id, document.Id, NoIncident, ColumnText.Fit(reportId, 40), document.Form, vi, en, document.Version, document.FileName,
                document.Pdf, document.PdfSha256, document.Docx, document.DocxSha256, document.IssuedBy, document.IssuedAt, to,
                rule.Id, $"{rule.Name.Vi} {year}", $"{rule.Name.En} {year}", rule.Basis, actor.Name, now), now);
            await db.SaveChangesAsync(cancellationToken);
            return new PeriodicOutcome.Sent(sending, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>How a submitted version is written in the report's record: <c>Báo cáo tổng hợp … (Mẫu 05) phiên bản 2 (SHA-256 PDF …)</c>.</summary>
    public static string VersionText(PeriodicDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{FormNames.Names[document.Form].Vi} phiên bản {document.Version} (SHA-256 PDF {document.PdfSha256})";
    }

    public static PeriodicDocumentView View(PeriodicDocument d, IEnumerable<DocumentSending> sendings)
    {
        ArgumentNullException.ThrowIfNull(d);
        var path = $"/api/v1/periodic-reports/{Uri.EscapeDataString(d.Kind)}/{d.Year}/issued/{d.Id}";
        return new PeriodicDocumentView(d.Id, d.ReportId, d.Kind, d.Year, d.Version, d.Title, d.FileName, d.PdfSha256, d.PdfSize, d.DocxSha256, d.DocxSize,
            d.IssuedBy, d.IssuedAt, JsonSerializer.Deserialize<List<PeriodicCountView>>(d.Counts, CountsJson) ?? [], path + "?format=pdf", path + "?format=docx",
            [.. sendings.Where(s => s.DocumentId == d.Id).OrderBy(s => s.RequestedAt.UtcTicks).Select(IssuedDocumentViews.Sending)]);
    }

    /// <summary>The versions <paramref name="which"/> selects, without their files, each with its sendings, by version.</summary>
    public static async Task<List<PeriodicDocumentView>> ViewsAsync(
        TriageDbContext db, System.Linq.Expressions.Expression<Func<PeriodicDocument, bool>> which, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var documents = await WithoutFiles(db.PeriodicDocuments.AsNoTracking().Where(which)).ToListAsync(cancellationToken);
        var ids = documents.Select(d => d.Id).ToList();
        var sendings = ids.Count == 0 ? [] : await db.DocumentSendings.AsNoTracking().Where(s => ids.Contains(s.DocumentId)).ToListAsync(cancellationToken);
        return [.. documents.OrderBy(d => d.Version).Select(d => View(d, sendings))];
    }

    /// <summary>The stored rows without their files, for lists.</summary>
    public static IQueryable<PeriodicDocument> WithoutFiles(IQueryable<PeriodicDocument> documents) => documents.Select(d => new PeriodicDocument
    {
        Id = d.Id, ReportId = d.ReportId, Kind = d.Kind, Year = d.Year, Version = d.Version, Form = d.Form, Title = d.Title, FileName = d.FileName,
        Counts = d.Counts, Pdf = Array.Empty<byte>(), PdfSha256 = d.PdfSha256, PdfSize = d.PdfSize, Docx = Array.Empty<byte>(), DocxSha256 = d.DocxSha256,
        DocxSize = d.DocxSize, IssuedById = d.IssuedById, IssuedBy = d.IssuedBy, IssuedAt = d.IssuedAt, IdempotencyKey = d.IdempotencyKey, RequestHash = d.RequestHash,
    });
}
