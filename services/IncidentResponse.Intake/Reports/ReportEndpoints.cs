using IncidentResponse.Contracts.Api.Reports;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Systems;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Intake.Reports;

public static class ReportEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/v1/reports").WithTags("Reports");
        reports.MapPost("/", SubmitAsync).RequireAuthorization(AccessPolicies.Report)
            .Produces<ReportAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        reports.MapGet("/{id:guid}", GetAsync).Produces<ReportView>();
        reports.MapAttachmentEndpoints();
        reports.MapHeldReportEndpoints();
        return endpoints;
    }

    /// <summary>Readers read every report; anyone else only the reports they filed.</summary>
    public static bool MayRead(System.Security.Claims.ClaimsPrincipal user, StoredReport report)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(report);
        return user.IsInRole(AccessRoles.Coordinator) || user.IsInRole(AccessRoles.Operator) || user.IsInRole(AccessRoles.Viewer)
            || report.SubmittedBy == user.ActorId();
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, ReportWriter writer, Microsoft.Extensions.Options.IOptions<IntakeOptions> options, TimeProvider time)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 255 || key.Any(char.IsControl))
        {
            return Problems.Validation(IdempotencyHeader, "Tối đa 255 ký tự in được / at most 255 printable characters");
        }

        var read = await http.Request.ReadJsonAsync<ReportRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var (report, errors) = ReportValidation.Validate(read.Value!, time.GetUtcNow(), options.Value.Detection);
        if (report is null)
        {
            return Problems.Validation(errors);
        }

        // Only a report naming a registered system reads the register (the context is made then, not for every report).
        (var filed, var systemError) = await SystemRegister.ApplyAsync(report, http.RequestServices.GetRequiredService<IntakeDbContext>, http.RequestAborted);
        if (systemError is not null)
        {
            return Problems.Validation(SystemRegister.CodeField, systemError);
        }

        report = filed!;

        var origin = new ReportOrigin(http.User.ActorChannel(), http.User.ActorId(), http.User.ActorName());
        var submission = new Submission(report, origin, key.Length == 0 ? null : key, Convert.ToHexStringLower(SHA256.HashData(read.Raw)));
        var result = await writer.AcceptAsync(submission, http.RequestAborted);
        return result switch
        {
            AcceptResult.Accepted a => Results.Accepted($"/api/v1/reports/{a.ReportId}", new ReportAccepted(a.ReportId, ReportStatuses.Received, a.ReceivedAt)),
            AcceptResult.KeyReused r => Problems.Unprocessable(
                "Khóa idempotency đã dùng cho yêu cầu khác / Idempotency key reused",
                $"{IdempotencyHeader} was used for a different request (report {r.ReportId}); use a new key for a new report"),
            AcceptResult.Unstorable u => Problems.Unprocessable(
                "Cơ sở dữ liệu không lưu được báo cáo này / The report could not be stored",
                $"The database refused this report's values ({u.Reason}); nothing was stored"),
            _ => throw new InvalidOperationException(result.ToString()),
        };
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, IntakeDbContext db)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (report is null || !MayRead(http.User, report))
        {
            return Problems.NotFound("report", id);
        }

        return Results.Ok(new ReportView(report.Id, report.Status, report.ReceivedAt, report.Channel, report.SubmittedByName,
            report.IncidentId, report.IncidentNumber, report.Correlated, report.TriagedAt,
            JsonSerializer.Deserialize<IncidentReport>(report.Payload, ReportInbox.PayloadJson),
            report.HoldReason, report.ReviewedByName, report.ReviewedAt, report.ReviewNote));
    }
}
