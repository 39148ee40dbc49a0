using System.Text.RegularExpressions;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Evidence;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Evidence;

/// <summary>
/// An incident's evidence register: operators and coordinators upload a file (multipart: <c>file</c>, <c>description</c>,
/// optional <c>source</c>, <c>collectedAt</c>, <c>collectedBy</c>) and hand an item over; whoever reads incidents lists the
/// items and downloads one byte for byte, always as opaque bytes (a sample may be malware). Nothing edits or removes an item.
/// </summary>
public static partial class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var evidence = endpoints.MapGroup("/api/v1/incidents/{id:guid}/evidence").WithTags("Evidence");
        var max = endpoints.ServiceProvider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxFileBytes;
        // The route's own body limit, which routing applies before anything reads the body (the NUL guard reads forms);
        // no Accepts metadata: with it, routing would answer another body type with a bare 415 before the endpoint names the field.
        evidence.MapPost("/", AddAsync).RequireAuthorization(AccessPolicies.Manage).WithMetadata(new BodyLimit(max + EvidenceLimits.FormOverheadBytes))
            .Produces<EvidenceView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        evidence.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<EvidenceView>>().ProducesProblem(StatusCodes.Status404NotFound);
        evidence.MapGet("/{evidenceId:guid}", DownloadAsync).RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        evidence.MapPost("/{evidenceId:guid}/custody", TransferAsync).RequireAuthorization(AccessPolicies.Manage).Accepts<CustodyTransferRequest>("application/json")
            .Produces<EvidenceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> AddAsync(
        Guid id, HttpContext http, TriageDbContext db, IOptions<EvidenceOptions> options, IOptions<TriageOptions> triage, TimeProvider time)
    {
        var key = IssuedDocumentEndpoints.Key(http);
        if (key.Problem is { } badKey)
        {
            return badKey;
        }

        var max = options.Value.MaxFileBytes;
        if (http.Request.ContentLength > max + EvidenceLimits.FormOverheadBytes)
        {
            return TooLarge(max);
        }

        if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Validation("file", "Gửi dạng multipart/form-data với trường 'file' / send multipart/form-data with a 'file' part");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException || e is IOException && http.RequestAborted.IsCancellationRequested)
        {
            return Problems.Validation("file", "Không đọc được biểu mẫu / the form could not be read");
        }
        catch (IOException)
        {
            // Not the client's doing (the temporary folder the file spools to is full, say): try again later.
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Tạm thời không nhận được tệp / Cannot take the file now",
                "Không lưu tạm được tệp; thử lại sau / the file could not be spooled; try again later");
        }

        var (upload, errors) = await ReadAsync(form, max, time.GetUtcNow(), http.RequestAborted);
        if (errors.Count > 0)
        {
            return errors.ContainsKey(TooLargeField) ? TooLarge(max) : Problems.Validation(errors);
        }

        var outcome = await EvidenceRegister.AddAsync(db, id, upload!, IncidentCommands.ActorOf(http), key.Value,
            triage.Value.Zone(), time, http.RequestAborted);
        switch (outcome)
        {
            case EvidenceOutcome.Added added:
                if (added.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                var view = (await EvidenceRegister.ViewsAsync(db, id, http.RequestAborted)).Single(v => v.Id == added.EvidenceId);
                return Results.Created($"/api/v1/incidents/{id}/evidence/{added.EvidenceId}", view);
            case EvidenceOutcome.KeyReused reused:
                return Problems.Unprocessable("Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
                    $"{IssuedDocumentEndpoints.IdempotencyHeader} was used for a different upload (evidence {reused.EvidenceId})");
            case EvidenceOutcome.NotFound missing:
                return Problems.NotFound(missing.What, missing.Id);
            default:
                throw new InvalidOperationException(outcome.ToString());
        }
    }

    private const string TooLargeField = "file:too-large";

    private static IResult TooLarge(long max) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["file"] = [$"Tệp tối đa {max} byte / the file may be at most {max} bytes"] },
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Tệp quá lớn / File too large",
        detail: "Xem trường 'file' / see the field 'file'", type: Problems.TypeBase + "too-large");

    /// <summary>The form's fields checked: the file present, not empty, within <paramref name="max"/>; the texts within their columns.</summary>
    private static async Task<(EvidenceUpload? Upload, Dictionary<string, string[]> Errors)> ReadAsync(
        IFormCollection form, long max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            errors["file"] = ["Chọn tệp chứng cứ / a file is required"];
        }
        else if (file.Length == 0)
        {
            errors["file"] = ["Tệp rỗng / the file is empty"];
        }
        else if (file.Length > max)
        {
            errors[TooLargeField] = [];
        }

        var description = Text(form, "description", EvidenceLimits.MaxDescription, errors, multiline: true);
        if (description is null && !errors.ContainsKey("description"))
        {
            errors["description"] = ["Bắt buộc: chứng cứ là gì / required: what the file is"];
        }

        var source = Text(form, "source", EvidenceLimits.MaxSource, errors, multiline: true);
        var collectedBy = Text(form, "collectedBy", EvidenceLimits.MaxPerson, errors, multiline: false);
        DateTimeOffset? collectedAt = null;
        if (Text(form, "collectedAt", 40, errors, multiline: false) is { } at)
        {
            if (!WithOffset().IsMatch(at) || !DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                errors["collectedAt"] = ["Thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-06T09:30:00+07:00 / an ISO 8601 time with its offset"];
            }
            else if (parsed > now.AddMinutes(5))
            {
                errors["collectedAt"] = ["Không được ở tương lai / must not be in the future"];
            }
            else
            {
                collectedAt = parsed;
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // One array of the file's length: the only copy held while it is hashed and stored.
        var bytes = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var name = FileNameOf(file.FileName);
        var type = string.IsNullOrWhiteSpace(file.ContentType) || file.ContentType.Any(char.IsControl) ? "application/octet-stream" : file.ContentType.Trim();
        return (new EvidenceUpload(name, ColumnFit(type, EvidenceLimits.MaxContentType), bytes, description!, source, collectedAt, collectedBy), errors);
    }

    /// <summary>The name without a client's path or control characters, cut to its column (a name is not evidence; the bytes are).</summary>
    internal static string FileNameOf(string? uploaded)
    {
        var name = new string(Path.GetFileName((uploaded ?? "").Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "chung-cu.bin" : ColumnFit(name, EvidenceLimits.MaxFileName);
    }

    private static string ColumnFit(string value, int max) => ServiceDefaults.Data.ColumnText.Fit(value, max);

    private static string? Text(IFormCollection form, string field, int max, Dictionary<string, string[]> errors, bool multiline)
    {
        var values = form[field];
        if (values.Count > 1)
        {
            errors[field] = ["Chỉ một giá trị / one value only"];
            return null;
        }

        var value = values.ToString().ReplaceLineEndings("\n").Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > max)
        {
            errors[field] = [$"Tối đa {max} ký tự / at most {max} characters"];
        }
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\t')))
        {
            errors[field] = ["Có ký tự điều khiển / contains control characters"];
        }

        return value;
    }

    private static async Task<IResult> ListAsync(Guid id, TriageDbContext db, CancellationToken cancellationToken) =>
        await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken)
            ? Results.Ok(await EvidenceRegister.ViewsAsync(db, id, cancellationToken))
            : Problems.NotFound("incident", id);

    private static async Task<IResult> DownloadAsync(Guid id, Guid evidenceId, HttpContext http, TriageDbContext db)
    {
        var item = await db.EvidenceItems.AsNoTracking().Where(e => e.IncidentId == id && e.Id == evidenceId)
            .Select(e => new { e.Content, e.Sha256, e.FileName }).FirstOrDefaultAsync(http.RequestAborted);
        if (item is null)
        {
            return Problems.NotFound("evidence", evidenceId);
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ETag = $"\"{item.Sha256}\"";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(item.Sha256))}:";
        return Results.File(item.Content, "application/octet-stream", item.FileName);
    }

    private static async Task<IResult> TransferAsync(Guid id, Guid evidenceId, HttpContext http, TriageDbContext db, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<CustodyTransferRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var errors = new Dictionary<string, string[]>();
        var to = request.To?.Trim();
        if (string.IsNullOrEmpty(to) || to.Length > EvidenceLimits.MaxPerson || to.Any(char.IsControl))
        {
            errors["to"] = [$"Bắt buộc: người nhận và đơn vị, tối đa {EvidenceLimits.MaxPerson} ký tự / required: who receives it, at most {EvidenceLimits.MaxPerson} characters"];
        }

        var note = request.Note?.ReplaceLineEndings("\n").Trim() is { Length: > 0 } n ? n : null;
        if (note is not null && (note.Length > EvidenceLimits.MaxNote || note.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))))
        {
            errors["note"] = [$"Tối đa {EvidenceLimits.MaxNote} ký tự, không ký tự điều khiển / at most {EvidenceLimits.MaxNote} characters, no control characters"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await EvidenceRegister.TransferAsync(db, id, evidenceId, to!, note, IncidentCommands.ActorOf(http), time, http.RequestAborted);
        return outcome switch
        {
            EvidenceOutcome.Transferred => Results.Ok((await EvidenceRegister.ViewsAsync(db, id, http.RequestAborted)).Single(v => v.Id == evidenceId)),
            EvidenceOutcome.NotFound missing => Problems.NotFound(missing.What, missing.Id),
            _ => throw new InvalidOperationException(outcome.ToString()),
        };
    }

    /// <summary>A route's body limit, as endpoint metadata (what <c>[RequestSizeLimit]</c> is underneath).</summary>
    private sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();
}
