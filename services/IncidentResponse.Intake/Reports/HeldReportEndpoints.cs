using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// The queue of reports held for confirmation (unknown or unauthenticated e-mail senders), for the committee's
/// operators and coordinators: list them, confirm one (announced to triage once), or reject it with a reason.
/// Every decision is on the report and in the audit log.
/// </summary>
public static class HeldReportEndpoints
{
    /// <summary>At most this many held reports are listed, oldest first.</summary>
    public const int MaxListed = HeldReportView.MaxListed;

    public static RouteGroupBuilder MapHeldReportEndpoints(this RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.MapGet("/held", ListAsync).RequireAuthorization(AccessPolicies.Manage).Produces<List<HeldReportView>>();
        reports.MapPost("/{id:guid}/confirm", ConfirmAsync).RequireAuthorization(AccessPolicies.Manage)
            .Produces<ReportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        reports.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(AccessPolicies.Manage)
            .Produces<ReportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return reports;
    }

    private static async Task<IResult> ListAsync(IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var waiting = db.Reports.AsNoTracking().Where(r => r.Status == ReportStatuses.AwaitingConfirmation);
        http.Response.Headers["X-Total-Count"] = (await waiting.CountAsync(cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var held = await waiting
            .OrderBy(r => r.ReceivedAt)
            .Take(MaxListed)
            .ToListAsync(cancellationToken);
        return Results.Ok(held.Select(r =>
        {
            var report = JsonSerializer.Deserialize<Contracts.Reports.IncidentReport>(r.Payload, ReportInbox.PayloadJson);
            return new HeldReportView(r.Id, r.ReceivedAt, r.Channel, r.SubmittedByName, r.Title, r.Classification, r.Tlp,
                report?.IsLegalInitialReport == true, r.HoldReason ?? string.Empty);
        }).ToList());
    }

    private static async Task<IResult> ConfirmAsync(Guid id, HttpContext http, HeldReports held, AccessDbContext audit, TimeProvider time)
    {
        var (review, problem) = await ReadAsync(http, reasonRequired: false);
        if (problem is not null)
        {
            return problem;
        }

        var (outcome, report) = await held.ConfirmAsync(id, Reviewer(http), review, http.RequestAborted);
        return await AnswerAsync(http, audit, time, "report.confirmed", id, outcome, report, review);
    }

    private static async Task<IResult> RejectAsync(Guid id, HttpContext http, HeldReports held, AccessDbContext audit, TimeProvider time)
    {
        var (reason, problem) = await ReadAsync(http, reasonRequired: true);
        if (problem is not null)
        {
            return problem;
        }

        var (outcome, report) = await held.RejectAsync(id, Reviewer(http), reason!, http.RequestAborted);
        return await AnswerAsync(http, audit, time, "report.rejected", id, outcome, report, reason);
    }

    private static HeldReports.Reviewer Reviewer(HttpContext http) => new(http.User.ActorId(), http.User.ActorName());

    /// <summary>The reason from the body (no body: none); a problem naming <c>reason</c> when it is required and missing or too long.</summary>
    private static async Task<(string? Reason, IResult? Problem)> ReadAsync(HttpContext http, bool reasonRequired)
    {
        string? reason = null;
        if (http.Request.ContentLength is > 0 || http.Request.HasJsonContentType())
        {
            var read = await http.Request.ReadJsonAsync<ReportReview>();
            // An empty JSON body is no reason, not an error of its own.
            if (read.Problem is not null && (read.Raw.Length > 0 || !http.Request.HasJsonContentType()))
            {
                return (null, read.Problem);
            }

            reason = read.Value?.Reason?.Trim();
        }

        if (string.IsNullOrEmpty(reason))
        {
            return reasonRequired
                ? (null, Problems.Validation("reason", "Cần nêu lý do từ chối / a reason is required to reject"))
                : (null, null);
        }

        return reason.Length > StoredReport.MaxReviewNote || reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            ? (null, Problems.Validation("reason", $"Tối đa {StoredReport.MaxReviewNote} ký tự, không có ký tự điều khiển / at most {StoredReport.MaxReviewNote} characters, no control characters"))
            : (reason.Normalize(System.Text.NormalizationForm.FormC), null);
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext http, AccessDbContext audit, TimeProvider time, string action, Guid id, HeldReports.Outcome outcome, StoredReport? report, string? reason)
    {
        switch (outcome)
        {
            case HeldReports.Outcome.NotFound:
                return Problems.NotFound("report", id);
            case HeldReports.Outcome.Conflict:
                return Problems.Conflict(
                    $"Báo cáo {id} không chờ xác nhận (trạng thái {report!.Status}) / report {id} is not awaiting confirmation (status {report.Status})");
            case HeldReports.Outcome.Done:
                audit.Record(http.User, time, action, "report:" + id.ToString("N"),
                    JsonSerializer.Serialize(new { status = ReportStatuses.AwaitingConfirmation, holdReason = report!.HoldReason }),
                    JsonSerializer.Serialize(new { status = report.Status, reason }));
                await audit.SaveChangesAsync(CancellationToken.None);
                break;
            default:
                break;
        }

        var r = report!;
        return Results.Ok(new ReportView(r.Id, r.Status, r.ReceivedAt, r.Channel, r.SubmittedByName, r.IncidentId, r.IncidentNumber, r.Correlated,
            r.TriagedAt, null, r.HoldReason, r.ReviewedByName, r.ReviewedAt, r.ReviewNote));
    }
}
