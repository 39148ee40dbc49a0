using System.Net;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Contracts.Api.Systems;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Reports;

/// <summary>
/// File a report: the whole initial-report form, or the hotline mode (<c>?mode=hotline</c>: what an
/// operator takes down on the phone, the rest later). Validated by the API, whose field errors are
/// shown on the inputs they concern; the page checks only what the form alone asks. Filed, it goes to the report's page.
/// </summary>
[Authorize(Policy = ConsolePolicies.Manage)]
public sealed class NewModel(ConsoleApi api) : ConsolePageModel
{
    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Mode { get; set; }

    /// <summary>
    /// Made when the form is shown and sent back with it as the filing's <c>Idempotency-Key</c>: a double click, a
    /// resubmission after "back", or a retry after a lost answer files one report, not two.
    /// </summary>
    [BindProperty]
    public string? FilingKey { get; set; }

    public bool Hotline => string.Equals(Mode, "hotline", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Logs the call a report taken in the hotline mode came from (the hotline's call log), keyed by the report so a
    /// resubmission, or the log page asked to log it again, logs it once; false when it could not be logged (the report stands;
    /// the log page then shows the call to log). Begun, it finishes even if the browser moves on.
    /// </summary>
    private async Task<bool> LogCallAsync(Guid reportId)
    {
        var call = IncidentResponse.Web.Pages.Hotline.CallInput.Reported(reportId, Input.ReporterName, Input.ReporterPhone, Input.ReporterOrganization, Input.Title, Input.Description);
        try
        {
            return (await api.PostOnceAsync<Contracts.Api.Hotline.HotlineCallView>("api/v1/hotline/calls", call.Body(), IncidentResponse.Web.Pages.Hotline.CallInput.KeyOf(reportId), CancellationToken.None)).Ok;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public string? Failure { get; private set; }

    /// <summary>The register's systems in use, to pick the affected one from (empty when it cannot be read: the fields are typed).</summary>
    public IReadOnlyList<InformationSystemView> Systems { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Systems = await SystemsAsync();
        FilingKey = Guid.NewGuid().ToString("N");
        Input.Tlp = "AMBER";
        Input.Classification = Hotline ? Contracts.Vocabulary.Rsit.Undetermined : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        foreach (var (field, message) in ReportForm.Check(Input, Hotline, L))
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            Systems = await SystemsAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A form from before the key (or a hand-made post) has none: then the post is as it was, filed each time.
        FilingKey = FilingKey is { Length: > 0 and <= 64 } key && key.All(char.IsAsciiLetterOrDigit) ? key : null;
        var result = await api.PostOnceAsync<ReportAccepted>("api/v1/reports", ReportForm.Body(Input, Hotline), FilingKey, HttpContext.RequestAborted);
        if (result.Ok && result.Value is { } accepted)
        {
            return Hotline && !await LogCallAsync(accepted.ReportId) ? Redirect($"/hotline?unlogged={accepted.ReportId}#log") : Redirect($"/reports/{accepted.ReportId}");
        }

        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var english = Lang.IsEnglish(HttpContext);
        foreach (var (apiField, messages) in result.Problem?.Errors ?? [])
        {
            var field = ReportForm.FieldOf(apiField);
            foreach (var message in messages)
            {
                ModelState.AddModelError(field is null ? string.Empty : $"{nameof(Input)}.{field}", Show.OneLanguage(message, english));
            }
        }

        Failure = L("Báo cáo chưa được gửi. Vui lòng sửa các mục được đánh dấu.", "The report was not filed. Please correct the marked fields.");
        if (ModelState.IsValid)
        {
            Failure = L("Không gửi được báo cáo: ", "The report could not be filed: ") + Show.OneLanguage(result.Problem?.Detail ?? result.Problem?.Title, english);
        }

        Systems = await SystemsAsync();
        Response.StatusCode = (int)result.Status is >= 400 and < 500 ? (int)result.Status : StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    /// <summary>The register's systems in use; none when it cannot be read (the form is still usable, its fields typed).</summary>
    private async Task<IReadOnlyList<InformationSystemView>> SystemsAsync()
    {
        try
        {
            return (await api.GetAsync<List<InformationSystemView>>("api/v1/systems", HttpContext.RequestAborted)).Value ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>The messages of one input, for the page.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public IEnumerable<string> FormErrors =>
        ModelState.TryGetValue(string.Empty, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
