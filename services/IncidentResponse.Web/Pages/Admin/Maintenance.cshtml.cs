using System.Net;
using IncidentResponse.Contracts.Api.Integrations;
using IncidentResponse.Contracts.Api.Maintenance;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>
/// <c>/admin/maintenance</c>: coordinators declare a maintenance window for a monitoring source (its new alerts are held,
/// nobody is paged) and end one early, through <c>/api/v1/maintenance-windows</c>.
/// </summary>
public sealed class MaintenanceModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<MaintenanceWindowView> Windows { get; private set; } = [];

    public IReadOnlyList<IntegrationView> Integrations { get; private set; } = [];

    [BindProperty]
    public NewWindowInput NewWindow { get; set; } = new();

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, HttpStatusCode.OK, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        // The form's times are the committee's (Vietnam) wall clock, as on the report form.
        static string? At(string? local) => string.IsNullOrWhiteSpace(local) ? null : local.Trim() + ReportForm.Offset;
        var repeats = NewWindow.Repeat is "DAILY" or "WEEKLY" or "MONTHLY";
        if (repeats && NewWindow.Times is not (>= 2 and <= 366))
        {
            ModelState.AddModelError("NewWindow.Times", L("Từ 2 đến 366 lần, kể cả lần đầu", "2 to 366 times, the first included"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(null, System.Net.HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await api.PostAsync<MaintenanceWindowView>("api/v1/maintenance-windows", new
        {
            integrationId = NewWindow.IntegrationId,
            startsAt = At(NewWindow.StartsAt),
            endsAt = At(NewWindow.EndsAt),
            reason = NewWindow.Reason,
            recurrence = repeats ? $"FREQ={NewWindow.Repeat};COUNT={NewWindow.Times!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null,
        }, cancellationToken);
        if (result.Ok)
        {
            Message = L($"Đã đặt thời gian bảo trì cho {result.Value!.IntegrationName}.", $"Maintenance window set for {result.Value!.IntegrationName}.");
            NewWindow = new();
            ModelState.Clear();
        }

        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<MaintenanceWindowView>($"api/v1/maintenance-windows/{id}/end", null, cancellationToken);
        Message = result.Ok
            ? L("Đã kết thúc thời gian bảo trì; cảnh báo còn mở sẽ được chuyển phân loại.", "Maintenance window ended; alerts still open go to triage.")
            : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
            foreach (var (field, messages) in problem.Errors ?? [])
            {
                foreach (var message in messages)
                {
                    // The series is chosen as a frequency and a number of times; its rule's problems are shown beside them.
                    var name = field == "recurrence" ? nameof(NewWindowInput.Repeat) : char.ToUpperInvariant(field[0]) + field[1..];
                    ModelState.AddModelError("NewWindow." + name, message);
                }
            }
        }

        var windows = await api.GetAsync<List<MaintenanceWindowView>>("api/v1/maintenance-windows", cancellationToken);
        var integrations = await api.GetAsync<List<IntegrationView>>("api/v1/integrations", cancellationToken);
        if (!windows.Ok || !integrations.Ok)
        {
            return StatusCode((int)(windows.Ok ? integrations.Status : windows.Status));
        }

        Windows = windows.Value ?? [];
        Integrations = [.. (integrations.Value ?? []).Where(i => i.RevokedAt is null)];
        return Page();
    }
}

public sealed class NewWindowInput
{
    public Guid? IntegrationId { get; set; }

    /// <summary>Vietnam wall clock, as a <c>datetime-local</c> input gives it; empty: now.</summary>
    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>Empty (once), <c>DAILY</c>, <c>WEEKLY</c> or <c>MONTHLY</c>: the window repeats at the same time, <see cref="Times"/> times in all.</summary>
    public string? Repeat { get; set; }

    public int? Times { get; set; }
}
