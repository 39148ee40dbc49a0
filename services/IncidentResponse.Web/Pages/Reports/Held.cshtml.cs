using System.Net;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Reports;

/// <summary>
/// <c>/reports/held</c>: reports waiting for confirmation (e-mail from an unknown or unauthenticated sender,
/// <c>/api/v1/reports/held</c>); an operator confirms one (it is triaged and partners engaged as usual) or
/// rejects it with a reason. The API records who decided and audits it.
/// </summary>
[Authorize(Policy = ConsolePolicies.Manage)]
public sealed class HeldModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<HeldReportView> Held { get; private set; } = [];

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, HttpStatusCode.OK, cancellationToken);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<ReportView>($"api/v1/reports/{id}/confirm", new ReportReview(null), cancellationToken);
        Message = result.Ok ? L("Đã xác nhận: báo cáo được chuyển phân loại.", "Confirmed: the report goes to triage.") : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<ReportView>($"api/v1/reports/{id}/reject", new ReportReview(reason), cancellationToken);
        Message = result.Ok ? L("Đã từ chối báo cáo.", "The report was rejected.") : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
        }

        var held = await api.GetAsync<List<HeldReportView>>("api/v1/reports/held", cancellationToken);
        if (!held.Ok)
        {
            return StatusCode((int)held.Status);
        }

        Held = held.Value ?? [];
        return Page();
    }
}
