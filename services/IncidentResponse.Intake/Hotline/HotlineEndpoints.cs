using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Hotline;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Hotline;

/// <summary>
/// The hotline's call log: the committee's operators log each call they take (<c>POST</c>, with an <c>Idempotency-Key</c> a
/// retried form logs once), staff read it by period. A call is never changed: a later call-back is a call of its own.
/// </summary>
public static class HotlineEndpoints
{
    /// <summary>At most this many calls are listed (newest first): a month of a busy hotline.</summary>
    public const int MaxListed = 1000;

    /// <summary>The longest period a list covers.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    /// <summary>How far back a call may be logged (the log is kept as calls come, not rebuilt months later).</summary>
    public static readonly TimeSpan MaxLateness = TimeSpan.FromDays(30);

    /// <summary>How far ahead of the server's clock a call may say it came (another clock's drift).</summary>
    public static readonly TimeSpan MaxEarliness = TimeSpan.FromMinutes(5);

    /// <summary>The body of <c>POST /api/v1/hotline/calls</c>; <c>receivedAt</c> is ISO 8601 with its offset.</summary>
    public sealed record CallRequest(
        string? ReceivedAt, string? CallerName, string? CallerPhone, string? CallerOrganization, string? Summary, string? Outcome, Guid? ReportId);

    public static IEndpointRouteBuilder MapHotlineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var calls = endpoints.MapGroup("/api/v1/hotline/calls").WithTags("Hotline");
        calls.MapPost("/", LogAsync).RequireAuthorization(AccessPolicies.Report)
            .Produces<HotlineCallView>(StatusCodes.Status201Created).Produces<HotlineCallView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        calls.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<List<HotlineCallView>>().ProducesValidationProblem();
        calls.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.Read).Produces<HotlineCallView>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static HotlineCallView View(HotlineCall c) =>
        new(c.Id, c.ReceivedAt, c.CallerName, c.CallerPhone, c.CallerOrganization, c.Summary, c.Outcome, c.ReportId, c.LoggedBy, c.LoggedAt);

    private static async Task<IResult> GetAsync(Guid id, IntakeDbContext db, CancellationToken cancellationToken) =>
        await db.HotlineCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } call
            ? Results.Ok(View(call))
            : Problems.NotFound("call", id);

    private static async Task<IResult> ListAsync(IntakeDbContext db, TimeProvider time, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? outcome = null)
    {
        // Read as strings: a time without its offset, or one that is not a time, is a 400 naming its parameter, never a guess.
        DateTimeOffset since, until;
        if (string.IsNullOrWhiteSpace(to))
        {
            until = time.GetUtcNow() + MaxEarliness; // a call logged as "in a minute" (another clock) is listed
        }
        else if (!ReportValidation.TryParseInstant(to, out until))
        {
            return Problems.Validation("to", ReportValidation.InstantFormat);
        }

        if (string.IsNullOrWhiteSpace(from))
        {
            since = until.UtcTicks >= DateTimeOffset.MinValue.UtcTicks + TimeSpan.FromDays(7).Ticks ? until - TimeSpan.FromDays(7) : DateTimeOffset.MinValue;
        }
        else if (!ReportValidation.TryParseInstant(from, out since))
        {
            return Problems.Validation("from", ReportValidation.InstantFormat);
        }

        if (since >= until || until - since > MaxPeriod)
        {
            return Problems.Validation(string.IsNullOrWhiteSpace(from) ? "to" : "from",
                "Khoảng thời gian từ 'from' đến 'to', tối đa 366 ngày / a period from 'from' to 'to', at most 366 days");
        }

        if (outcome is not null && !HotlineOutcomes.All.Contains(outcome, StringComparer.Ordinal))
        {
            return Problems.Validation("outcome", $"Một trong / one of: {string.Join(", ", HotlineOutcomes.All)}");
        }

        var calls = await db.HotlineCalls.AsNoTracking()
            .Where(c => c.ReceivedAt >= since && c.ReceivedAt < until && (outcome == null || c.Outcome == outcome))
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(MaxListed).ToListAsync(cancellationToken);
        return Results.Ok(calls.Select(View).ToList());
    }

    private static async Task<IResult> LogAsync(HttpContext http, IntakeDbContext db, TimeProvider time)
    {
        var key = http.Request.Headers[ReportEndpoints.IdempotencyHeader].ToString();
        if (key.Length > HotlineCall.MaxIdempotencyKey || key.Any(char.IsControl))
        {
            return Problems.Validation(ReportEndpoints.IdempotencyHeader, "Tối đa 255 ký tự in được / at most 255 printable characters");
        }

        var read = await http.Request.ReadJsonAsync<CallRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var (call, errors) = Validate(read.Value!);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var actor = http.User.ActorId();
        call!.LoggedById = ColumnText.Fit(actor, 200);
        call.IdempotencyKey = key.Length > 0 ? key : null;
        // A retry is answered before anything that depends on the time: the call it repeats may be near the end of the 30 days.
        if (call.IdempotencyKey is { } k && await EarlierAsync(db, call.LoggedById, k, http.RequestAborted) is { } logged)
        {
            return Repeated(logged, call);
        }

        var now = time.GetUtcNow();
        call.ReceivedAt = StoredPrecision.Of(call.ReceivedAt == default ? now : call.ReceivedAt);
        if (call.ReceivedAt > now + MaxEarliness || call.ReceivedAt < now - MaxLateness)
        {
            errors["receivedAt"] = ["Trong 30 ngày qua, tối đa 5 phút sau hiện tại / within the last 30 days, at most 5 minutes ahead"];
        }

        if (call.ReportId is { } reportId && !await db.Reports.AnyAsync(r => r.Id == reportId, http.RequestAborted))
        {
            errors["reportId"] = ["Không có báo cáo này / no such report"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        call.Id = RowIds.Next();
        call.LoggedAt = StoredPrecision.Of(now);
        call.LoggedBy = ColumnText.Fit(http.User.ActorName(), 200);
        var (saved, created) = await db.RetryOnConflictAsync(async () =>
        {
            if (call.IdempotencyKey is { } k && await EarlierAsync(db, call.LoggedById, k, http.RequestAborted) is { } earlier)
            {
                return (earlier, false);
            }

            db.HotlineCalls.Add(call);
            await db.SaveChangesAsync(CancellationToken.None); // a begun write finishes
            return (call, true);
        }, http.RequestAborted);
        return created ? Results.Created($"/api/v1/hotline/calls/{saved.Id}", View(saved)) : Repeated(saved, call);
    }

    private static Task<HotlineCall?> EarlierAsync(IntakeDbContext db, string actor, string key, CancellationToken cancellationToken) =>
        db.HotlineCalls.AsNoTracking().FirstOrDefaultAsync(c => c.LoggedById == actor && c.IdempotencyKey == key, cancellationToken);

    /// <summary>The answer to a request whose key was used before: the first call, or a 422 when it says something else.</summary>
    private static IResult Repeated(HotlineCall earlier, HotlineCall asked) => earlier.RequestHash == asked.RequestHash
        ? Results.Ok(View(earlier))
        : Problems.Unprocessable("Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
            $"{ReportEndpoints.IdempotencyHeader} was used for another call ({earlier.Id}); use a new key for a new call");

    /// <summary>
    /// The call the request describes, its hash set (<see cref="HotlineCall.ReceivedAt"/> left default when the request gave no
    /// time), or the errors by field. What depends on the time (the 30 days) and on the database (the report) is checked after.
    /// </summary>
    public static (HotlineCall? Call, Dictionary<string, string[]> Errors) Validate(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Line(string field, string? value, int max)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (text.Length > max || text.Any(char.IsControl))
            {
                errors[field] = [$"Một dòng, tối đa {max} ký tự / one line, at most {max} characters"];
            }

            return text;
        }

        var name = Line("callerName", request.CallerName, HotlineCall.MaxCallerName);
        var phone = Line("callerPhone", request.CallerPhone, HotlineCall.MaxCallerPhone);
        if (phone is not null && !errors.ContainsKey("callerPhone") && !ReportValidation.IsPhone(phone))
        {
            errors["callerPhone"] = ["Chỉ gồm chữ số, +, -, ., (, ), khoảng trắng / digits, +, -, ., (, ), spaces only"];
        }

        var organization = Line("callerOrganization", request.CallerOrganization, ReportValidation.MaxText);
        // A browser sends a textarea's line breaks as CRLF: one kind of break, so a summary posted back from a form is the same call.
        var summary = request.Summary?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (string.IsNullOrEmpty(summary))
        {
            errors["summary"] = ["Bắt buộc: nội dung cuộc gọi / required: what the call was about"];
        }
        else if (summary.Length > HotlineCall.MaxSummary || summary.Any(ch => char.IsControl(ch) && ch is not '\n' and not '\r' and not '\t'))
        {
            errors["summary"] = [$"Tối đa {HotlineCall.MaxSummary} ký tự, không chứa ký tự điều khiển / at most {HotlineCall.MaxSummary} characters, no control characters"];
        }

        if (request.Outcome is not { } outcome || !HotlineOutcomes.All.Contains(outcome, StringComparer.Ordinal))
        {
            errors["outcome"] = [$"Bắt buộc, một trong / required, one of: {string.Join(", ", HotlineOutcomes.All)}"];
        }
        else if (outcome == HotlineOutcomes.Reported && request.ReportId is null)
        {
            errors["reportId"] = ["Bắt buộc khi đã lập báo cáo / required when a report was filed"];
        }

        if (request.ReportId == Guid.Empty)
        {
            errors["reportId"] = ["Không có báo cáo này / no such report"];
        }

        DateTimeOffset receivedAt = default;
        if (!string.IsNullOrWhiteSpace(request.ReceivedAt) && (!ReportValidation.TryParseInstant(request.ReceivedAt, out receivedAt) || receivedAt == default))
        {
            errors["receivedAt"] = [ReportValidation.InstantFormat];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var call = new HotlineCall
        {
            ReceivedAt = receivedAt,
            CallerName = name,
            CallerPhone = phone,
            CallerOrganization = organization,
            Summary = summary!,
            Outcome = request.Outcome!,
            ReportId = request.ReportId,
            LoggedBy = "",
            LoggedById = "",
            RequestHash = "",
        };
        // What the call says, not when it was sent: a retry minutes later without receivedAt is the same call.
        call.RequestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            receivedAt = request.ReceivedAt?.Trim(), name, phone, organization, summary, call.Outcome, call.ReportId,
        }))));
        return (call, errors);
    }
}
