using IncidentResponse.Contracts.Documents;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>What became of a request to send an issued document.</summary>
public abstract record SendOutcome
{
    public sealed record Requested(DocumentSending Sending, bool Replayed) : SendOutcome;

    public sealed record KeyReused(Guid SendingId) : SendOutcome;

    public sealed record NotFound(string What, object Id) : SendOutcome;

    /// <summary>A field of the request is wrong: no such duty, no recipient.</summary>
    public sealed record Invalid(string Field, string Message) : SendOutcome;
}

/// <summary>
/// Asks the notifications service to send an issued document by e-mail: the request is stored, written on the
/// incident's timeline and handed over as <see cref="SendIssuedDocument"/> (carrying the issued bytes) through the
/// outbox, in one transaction. The deliveries come back on the timeline as each recipient's notification is
/// delivered or fails.
/// </summary>
public static class DocumentSender
{
    public static Task<SendOutcome> SendAsync(
        TriageDbContext db, Guid incidentId, Guid documentId, string? dutyId, IReadOnlyList<string>? recipients, Actor actor,
        string? idempotencyKey, string requestHash, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        return db.RetryOnConflictAsync<SendOutcome>(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancellationToken);
            var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            if (incident is null)
            {
                return new SendOutcome.NotFound("incident", incidentId);
            }

            if (idempotencyKey is not null && await db.DocumentSendings.AsNoTracking()
                .FirstOrDefaultAsync(s => s.DocumentId == documentId && s.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier.RequestHash == requestHash ? new SendOutcome.Requested(earlier, Replayed: true) : new SendOutcome.KeyReused(earlier.Id);
            }

            var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.IncidentId == incidentId, cancellationToken);
            if (document is null)
            {
                return new SendOutcome.NotFound("document", documentId);
            }

            var duty = dutyId is null ? null : incident.Deadlines.FirstOrDefault(d => d.Kind == dutyId);
            if (dutyId is not null && duty is null)
            {
                return new SendOutcome.Invalid("dutyId", $"Sự cố không có nghĩa vụ {dutyId} / the incident has no duty {dutyId}");
            }

            var to = recipients is { Count: > 0 } given ? [.. given.Select(r => r.Trim())]
                : duty?.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (to.Length == 0)
            {
                return new SendOutcome.Invalid("recipients", "Cần người nhận, hoặc một nghĩa vụ có người nhận / recipients are required, or a duty that has them");
            }

            var now = time.GetUtcNow();
            var sending = new DocumentSending
            {
                Id = RowIds.Next(), DocumentId = documentId, IncidentId = incidentId, DutyId = duty?.Kind, Recipients = string.Join(',', to),
                RequestedById = Cut(actor.Id), RequestedBy = Cut(actor.Name), RequestedAt = now, IdempotencyKey = idempotencyKey, RequestHash = requestHash,
            };
            db.DocumentSendings.Add(sending);
            var (vi, en) = FormNames.Names[document.Form];
            db.Append(incident, TimelineKinds.DocumentSent, actor, now,
                $"Gửi thư điện tử văn bản {vi}, phiên bản {document.Version} (SHA-256 PDF {document.PdfSha256}) tới {sending.Recipients}{(duty is null ? "" : $" — nghĩa vụ: {duty.NameVi}")}",
                $"E-mailing {en}, version {document.Version} (SHA-256 PDF {document.PdfSha256}) to {sending.Recipients}{(duty is null ? "" : $" — duty: {duty.NameEn}")}",
                new { sendingId = sending.Id, documentId, document.Form, document.Version, document.PdfSha256, document.DocxSha256, recipients = to, duty = duty?.Kind });
            db.PublishAfterCommit(new SendIssuedDocument(
                sending.Id, document.Id, incidentId, incident.Number, document.Form, vi, en, document.Version, document.FileName,
                document.Pdf, document.PdfSha256, document.Docx, document.DocxSha256, document.IssuedBy, document.IssuedAt, to,
                duty?.Kind, duty?.NameVi, duty?.NameEn, duty?.Basis, actor.Name, now), now);
            await db.SaveChangesAsync(cancellationToken);
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return new SendOutcome.Requested(sending, Replayed: false);
        }, cancellationToken);
    }

    private static string Cut(string value) => ColumnText.Fit(value, 200);
}
