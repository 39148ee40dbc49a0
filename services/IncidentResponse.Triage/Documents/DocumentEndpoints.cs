using IncidentResponse.Access.Authorization;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// The official documents as files: an incident's Mẫu 03, Mẫu 04, personal-data breach notice, progress report and
/// request for support, and the periodic summary Mẫu 05, each as PDF or DOCX. Readable by whoever may read incidents
/// (the same policy as <c>GET /api/v1/incidents/{id}</c>).
/// </summary>
public static class DocumentEndpoints
{
    public const string Pdf = "pdf";
    public const string Docx = "docx";

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var documents = endpoints.MapGroup("/api/v1").WithTags("Documents");
        documents.MapGet("/incidents/{id}/documents/{form}", IncidentDocumentAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: DocxType).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        documents.MapGet("/statistics/mau-05", PeriodicSummaryAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: DocxType).ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> IncidentDocumentAsync(
        string id, string form, TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time, CancellationToken cancellationToken, string? format = null)
    {
        if (!DocumentForms.IncidentForms.Contains(form, StringComparer.Ordinal))
        {
            return Problems.NotFound("form", form);
        }

        if (BadFormat(format) is { } bad)
        {
            return bad;
        }

        if (!Guid.TryParse(id, out var incidentId)
            || await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return Problems.NotFound("incident", id);
        }

        var facts = await DocumentFacts.LoadAsync(db, incident, options.Value, time.GetUtcNow(), cancellationToken);
        return File(DocumentForms.For(form, facts), format);
    }

    private static async Task<IResult> PeriodicSummaryAsync(
        TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time, CancellationToken cancellationToken, int? year = null, int? half = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (year is null or < 2000 or > 9999)
        {
            errors["year"] = ["Năm, ví dụ 2026 / a year, e.g. 2026"];
        }

        if (half is not null and not (1 or 2))
        {
            errors["half"] = ["1 (6 tháng đầu năm / first half) hoặc 2 (6 tháng cuối năm / second half); bỏ trống cho cả năm / omit for the year"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (BadFormat(format) is { } bad)
        {
            return bad;
        }

        var zone = Zone(options.Value);
        var types = VietnameseIncidentTypes.In(options.Value.RulesDirectory);
        var counts = await PeriodicSummary.CountAsync(db, types, zone, year!.Value, half, cancellationToken);
        return File(DocumentForms.PeriodicSummary(counts, zone, time.GetUtcNow()), format);
    }

    /// <summary>An issued file byte for byte as stored: its SHA-256 as <c>ETag</c> and <c>Repr-Digest</c>, named with its version.</summary>
    internal static IResult IssuedFile(HttpContext http, byte[] bytes, string sha256, string fileName, int version, bool docx)
    {
        http.Response.Headers.ETag = $"\"{sha256}\"";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(sha256))}:";
        return Results.File(bytes, docx ? DocxType : "application/pdf", $"{fileName}-v{version}.{(docx ? "docx" : "pdf")}");
    }

    internal static IResult? BadFormat(string? format) =>
        format is null or Pdf or Docx ? null : Problems.Validation("format", "pdf hoặc docx / pdf or docx");

    internal const string DocxContentType = DocxType;

    internal static IResult File(OfficialDocument document, string? format) => format == Docx
        ? Results.File(DocxRenderer.Render(document), DocxType, document.FileName + ".docx")
        : Results.File(PdfRenderer.Render(document), "application/pdf", document.FileName + ".pdf");

    private static TimeZoneInfo Zone(TriageOptions options) => DocumentFacts.Zone(options);
}
