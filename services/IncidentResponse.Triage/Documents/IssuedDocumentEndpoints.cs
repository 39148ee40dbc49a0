using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// Issuing official documents: preview a form with an operator's edits, issue it as an immutable version (files and
/// SHA-256 stored, the hashes on the timeline), list and download the versions byte for byte, send one by e-mail.
/// Operators and coordinators preview, issue and send; whoever reads incidents lists and downloads. No call changes or
/// removes an issued version.
/// </summary>
public static class IssuedDocumentEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public const int MaxRecipients = 20;

    public sealed record SendDocument(string? DutyId, IReadOnlyList<string>? Recipients);

    public static IEndpointRouteBuilder MapIssuedDocuments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var documents = endpoints.MapGroup("/api/v1/incidents/{id:guid}/documents").WithTags("Documents");
        documents.MapPost("/{form}/preview", PreviewAsync).RequireAuthorization(AccessPolicies.Manage).Accepts(typeof(DocumentEdits), isOptional: true, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: DocumentEndpoints.DocxContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapPost("/{form}/issue", IssueAsync).RequireAuthorization(AccessPolicies.Manage).Accepts(typeof(DocumentEdits), isOptional: true, "application/json")
            .Produces<IssuedDocumentView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        documents.MapGet("/completeness", CompletenessAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<DocumentCompletenessView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapGet("/issued", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<IssuedDocumentView>>();
        documents.MapGet("/issued/{documentId:guid}", DownloadAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: DocumentEndpoints.DocxContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        documents.MapPost("/issued/{documentId:guid}/send", SendAsync).RequireAuthorization(AccessPolicies.Manage).Accepts(typeof(SendDocument), isOptional: true, "application/json")
            .Produces<DocumentSendingView>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    /// <summary>Each form of the incident as it would be issued now without edits: its required fields left empty.</summary>
    private static async Task<IResult> CompletenessAsync(Guid id, TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var facts = await DocumentFacts.LoadAsync(db, incident, options.Value, time.GetUtcNow(), cancellationToken);
        return Results.Ok(DocumentForms.IncidentForms.Select(form =>
        {
            var editable = DocumentEditing.Fields[form].Where(f => f.Value.Length > 0).ToDictionary(f => f.Value, f => f.Key, StringComparer.Ordinal);
            var (vi, en) = FormNames.Names[form];
            var missing = DocumentForms.For(form, facts).MissingRequired()
                .Select(m => new MissingFieldView(m.Label, editable.GetValueOrDefault(m.Label), m.Section)).ToList();
            return new DocumentCompletenessView(form, vi, en, missing);
        }).ToList());
    }

    private static async Task<IResult> PreviewAsync(
        Guid id, string form, HttpContext http, TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time, string? format = null)
    {
        var (edits, problem) = await ReadEditsAsync(http, form, format);
        if (problem is not null)
        {
            return problem;
        }

        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var facts = await DocumentFacts.LoadAsync(db, incident, options.Value, time.GetUtcNow(), http.RequestAborted);
        return DocumentEndpoints.File(DocumentIssuer.Render(facts, form, edits!.Edits), format);
    }

    private static async Task<IResult> IssueAsync(Guid id, string form, HttpContext http, TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time)
    {
        if (Key(http) is { Problem: { } bad })
        {
            return bad;
        }

        var (edits, problem) = await ReadEditsAsync(http, form, format: null);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await DocumentIssuer.IssueAsync(db, id, form, edits!.Edits, IncidentCommands.ActorOf(http), Key(http).Value,
            Hash(form, edits.Raw), options.Value, time, http.RequestAborted);
        switch (outcome)
        {
            case IssueOutcome.Issued issued:
                var number = await db.Incidents.Where(i => i.Id == id).Select(i => i.Number).SingleAsync(http.RequestAborted);
                if (issued.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                var sendings = await db.DocumentSendings.AsNoTracking().Where(s => s.DocumentId == issued.Document.Id).ToListAsync(http.RequestAborted);
                return Results.Created($"/api/v1/incidents/{id}/documents/issued/{issued.Document.Id}", IssuedDocumentViews.View(issued.Document, number, sendings));
            case IssueOutcome.KeyReused reused:
                return Problems.Unprocessable("Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
                    $"{IdempotencyHeader} was used for a different request (document {reused.DocumentId}); use a new key for a new version");
            default:
                return Problems.NotFound("incident", id);
        }
    }

    private static async Task<IResult> ListAsync(Guid id, TriageDbContext db, CancellationToken cancellationToken)
    {
        var number = await db.Incidents.Where(i => i.Id == id).Select(i => i.Number).FirstOrDefaultAsync(cancellationToken);
        if (number is null)
        {
            return Problems.NotFound("incident", id);
        }

        var documents = await IssuedDocumentViews.WithoutFiles(db.IssuedDocuments.AsNoTracking().Where(d => d.IncidentId == id)).ToListAsync(cancellationToken);
        var sendings = await db.DocumentSendings.AsNoTracking().Where(s => s.IncidentId == id).ToListAsync(cancellationToken);
        return Results.Ok(documents.OrderBy(d => d.Form, StringComparer.Ordinal).ThenBy(d => d.Version).Select(d => IssuedDocumentViews.View(d, number, sendings)).ToList());
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid documentId, HttpContext http, TriageDbContext db, string? format = null)
    {
        if (DocumentEndpoints.BadFormat(format) is { } bad)
        {
            return bad;
        }

        var docx = format == DocumentEndpoints.Docx;
        var file = await db.IssuedDocuments.AsNoTracking().Where(d => d.Id == documentId && d.IncidentId == id)
            .Select(d => new { Bytes = docx ? d.Docx : d.Pdf, Sha256 = docx ? d.DocxSha256 : d.PdfSha256, d.FileName, d.Version })
            .FirstOrDefaultAsync(http.RequestAborted);
        if (file is null)
        {
            return Problems.NotFound("document", documentId);
        }

        return DocumentEndpoints.IssuedFile(http, file.Bytes, file.Sha256, file.FileName, file.Version, docx);
    }

    private static async Task<IResult> SendAsync(Guid id, Guid documentId, HttpContext http, TriageDbContext db, TimeProvider time)
    {
        if (Key(http) is { Problem: { } bad })
        {
            return bad;
        }

        SendDocument request = new(null, null);
        byte[] raw = [];
        if (http.Request.ContentLength is not 0)
        {
            var read = await http.Request.ReadJsonAsync<SendDocument>();
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            (request, raw) = (read.Value!, read.Raw);
        }

        if (CheckSend(request) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var outcome = await DocumentSender.SendAsync(db, id, documentId, request.DutyId?.Trim(), request.Recipients, IncidentCommands.ActorOf(http),
            Key(http).Value, Hash(documentId.ToString("N"), raw), time, http.RequestAborted);
        return outcome switch
        {
            SendOutcome.Requested requested => Accepted(http, requested.Sending, requested.Replayed),
            SendOutcome.KeyReused reused => Problems.Unprocessable("Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
                $"{IdempotencyHeader} was used for a different request (sending {reused.SendingId})"),
            SendOutcome.Invalid invalid => Problems.Validation(invalid.Field, invalid.Message),
            SendOutcome.NotFound missing => Problems.NotFound(missing.What, missing.Id),
            _ => throw new InvalidOperationException(outcome.ToString()),
        };
    }

    /// <summary>A sending asked for; a retry under the same key answers the first again, saying so (as issuing does).</summary>
    internal static IResult Accepted(HttpContext http, DocumentSending sending, bool replayed)
    {
        if (replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Accepted(null as string, IssuedDocumentViews.Sending(sending));
    }

    internal static Dictionary<string, string[]> CheckSend(SendDocument request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DutyId?.Trim() is { } duty && (duty.Length is 0 or > 60))
        {
            errors["dutyId"] = ["Mã nghĩa vụ, tối đa 60 ký tự / a duty id, at most 60 characters"];
        }

        if (request.Recipients is { } to && (to.Count > MaxRecipients || to.Any(r => !IsRecipient(r)) || string.Join(',', to).Length > 4000))
        {
            errors["recipients"] = [$"Tối đa {MaxRecipients} người nhận: mã đơn vị, vai trò hoặc địa chỉ thư điện tử / at most {MaxRecipients} recipients: unit codes, roles or e-mail addresses"];
        }

        return errors;
    }

    /// <summary>A unit code or role (<c>bcd-bn</c>, <c>national-coordinator</c>) or an e-mail address.</summary>
    private static bool IsRecipient(string? value)
    {
        var r = value?.Trim() ?? "";
        return r.Length is > 0 and <= 254 && !r.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or '<' or '>' or '"')
            && (r.Contains('@', StringComparison.Ordinal) ? r.IndexOf('@', StringComparison.Ordinal) is > 0 && r.LastIndexOf('@') == r.IndexOf('@', StringComparison.Ordinal) && r.IndexOf('@', StringComparison.Ordinal) < r.Length - 3
                : r.Length <= 40 && r.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
    }

    private sealed record ReadEdits(DocumentEdits Edits, byte[] Raw);

    /// <summary>The form known, the format right, the body (none: no edits) a <see cref="DocumentEdits"/> whose fields the form has.</summary>
    private static async Task<(ReadEdits? Edits, IResult? Problem)> ReadEditsAsync(HttpContext http, string form, string? format)
    {
        if (!DocumentForms.IncidentForms.Contains(form, StringComparer.Ordinal))
        {
            return (null, Problems.NotFound("form", form));
        }

        if (DocumentEndpoints.BadFormat(format) is { } bad)
        {
            return (null, bad);
        }

        if (http.Request.ContentLength is 0)
        {
            return (new ReadEdits(new DocumentEdits(), []), null);
        }

        var read = await http.Request.ReadJsonAsync<DocumentEdits>();
        if (read.Problem is not null)
        {
            return (null, read.Problem);
        }

        var errors = DocumentEditing.Check(form, read.Value!);
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (new ReadEdits(DocumentEditing.Normalise(read.Value!), read.Raw), null);
    }

    internal static (string? Value, IResult? Problem) Key(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        return key.Length > IssuedDocument.MaxIdempotencyKey || key.Any(char.IsControl)
            ? (null, Problems.Validation(IdempotencyHeader, $"Tối đa {IssuedDocument.MaxIdempotencyKey} ký tự in được / at most {IssuedDocument.MaxIdempotencyKey} printable characters"))
            : (key.Length == 0 ? null : key, null);
    }

    internal static string Hash(string scope, byte[] body) =>
        Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(scope + "\n"), .. body]));
}
