using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// A periodic report's issued versions: <c>POST /api/v1/periodic-reports/{kind}/{year}/issue</c> (operators and coordinators;
/// <c>Idempotency-Key</c> finds a retried request's version), <c>GET …/issued</c> and <c>GET …/issued/{id}?format=pdf|docx</c>
/// (whoever reads incidents; the bytes as issued, with their SHA-256 as ETag and <c>Repr-Digest</c>), and
/// <c>POST …/issued/{id}/send</c> (<c>{"recipients":[…]}</c>, the rule's by default) to e-mail one.
/// </summary>
public static class PeriodicDocumentEndpoints
{
    public sealed record SendReport(IReadOnlyList<string>? Recipients);

    public static RouteGroupBuilder MapPeriodicDocuments(this RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.MapPost("/{kind}/{year:int}/issue", IssueAsync).RequireAuthorization(AccessPolicies.Manage)
            .Produces<PeriodicDocumentView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        reports.MapGet("/{kind}/{year:int}/issued", ListAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces<IReadOnlyList<PeriodicDocumentView>>().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/{kind}/{year:int}/issued/{documentId:guid}", DownloadAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: DocumentEndpoints.DocxContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/{kind}/{year:int}/issued/{documentId:guid}/send", SendAsync).RequireAuthorization(AccessPolicies.Manage)
            .Accepts(typeof(SendReport), isOptional: true, "application/json")
            .Produces<DocumentSendingView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return reports;
    }

    private static async Task<IResult> IssueAsync(string kind, int year, HttpContext http, TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time)
    {
        if (IssuedDocumentEndpoints.Key(http) is { Problem: { } bad })
        {
            return bad;
        }

        if (Rule(rules, kind, year) is not { } rule)
        {
            return Problems.NotFound("periodic report", PeriodicReports.IdOf(kind, year));
        }

        var outcome = await PeriodicDocuments.IssueAsync(db, rule, year, IncidentCommands.ActorOf(http), IssuedDocumentEndpoints.Key(http).Value,
            options.Value, time, http.RequestAborted);
        switch (outcome)
        {
            case PeriodicOutcome.Issued issued:
                if (issued.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                var sendings = await db.DocumentSendings.AsNoTracking().Where(s => s.DocumentId == issued.Document.Id).ToListAsync(http.RequestAborted);
                var view = PeriodicDocuments.View(issued.Document, sendings);
                return Results.Created(view.Pdf.Split('?')[0], view);
            case PeriodicOutcome.Refused refused:
                return Problems.Unprocessable("Chưa thể ban hành / Cannot be issued now", refused.Message);
            default:
                throw new InvalidOperationException(outcome.ToString());
        }
    }

    private static async Task<IResult> ListAsync(string kind, int year, TriageDbContext db, RuleBook rules, CancellationToken cancellationToken)
    {
        if (Rule(rules, kind, year) is null)
        {
            return Problems.NotFound("periodic report", PeriodicReports.IdOf(kind, year));
        }

        var id = PeriodicReports.IdOf(kind, year);
        return Results.Ok(await PeriodicDocuments.ViewsAsync(db, d => d.ReportId == id, cancellationToken));
    }

    private static async Task<IResult> DownloadAsync(string kind, int year, Guid documentId, HttpContext http, TriageDbContext db, string? format = null)
    {
        if (DocumentEndpoints.BadFormat(format) is { } bad)
        {
            return bad;
        }

        var id = PeriodicReports.IdOf(kind, year);
        var docx = format == DocumentEndpoints.Docx;
        var file = await db.PeriodicDocuments.AsNoTracking().Where(d => d.Id == documentId && d.ReportId == id)
            .Select(d => new { Bytes = docx ? d.Docx : d.Pdf, Sha256 = docx ? d.DocxSha256 : d.PdfSha256, d.FileName, d.Version })
            .FirstOrDefaultAsync(http.RequestAborted);
        if (file is null)
        {
            return Problems.NotFound("document", documentId);
        }

        return DocumentEndpoints.IssuedFile(http, file.Bytes, file.Sha256, file.FileName, file.Version, docx);
    }

    private static async Task<IResult> SendAsync(string kind, int year, Guid documentId, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        if (IssuedDocumentEndpoints.Key(http) is { Problem: { } bad })
        {
            return bad;
        }

        SendReport request = new(null);
        byte[] raw = [];
        if (http.Request.ContentLength is not 0)
        {
            var read = await http.Request.ReadJsonAsync<SendReport>();
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            (request, raw) = (read.Value ?? request, read.Raw);
        }

        if (IssuedDocumentEndpoints.CheckSend(new IssuedDocumentEndpoints.SendDocument(null, request.Recipients)) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        if (Rule(rules, kind, year) is not { } rule)
        {
            return Problems.NotFound("periodic report", PeriodicReports.IdOf(kind, year));
        }

        var outcome = await PeriodicDocuments.SendAsync(db, rule, year, documentId, request.Recipients, IncidentCommands.ActorOf(http),
            IssuedDocumentEndpoints.Key(http).Value, IssuedDocumentEndpoints.Hash($"periodic:{rule.Id}:{year}:{documentId:N}", raw), time, http.RequestAborted);
        return outcome switch
        {
            PeriodicOutcome.Sent sent => IssuedDocumentEndpoints.Accepted(http, sent.Sending, sent.Replayed),
            PeriodicOutcome.KeyReused reused => KeyReused(reused.Id),
            PeriodicOutcome.NotFound missing => Problems.NotFound(missing.What, missing.Id),
            PeriodicOutcome.Refused refused => Problems.Validation(refused.Field, refused.Message),
            _ => throw new InvalidOperationException(outcome.ToString()),
        };
    }

    private static PeriodicReportRule? Rule(RuleBook rules, string kind, int year) =>
        year is < 2000 or > 2100 ? null : rules.Regimes.PeriodicReports.FirstOrDefault(r => r.Id == kind);

    private static IResult KeyReused(Guid id) => Problems.Unprocessable("Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
        $"{IssuedDocumentEndpoints.IdempotencyHeader} was used for a different request ({id}); use a new key for a new request");
}
