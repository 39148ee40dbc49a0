using System.Net;
using System.Globalization;
using IncidentResponse.Contracts.Api.Hotline;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Pages.Hotline;

/// <summary>
/// <c>/hotline</c>: the hotline's call log (sổ ghi nhận cuộc gọi đường dây nóng). Staff read the calls of a period; the committee's
/// operators log a call they took that did not become a report (a report taken in the report form's hotline mode logs its call
/// itself, and lands here with the call filled in when that failed: <see cref="Unlogged"/>) through
/// <c>POST /api/v1/hotline/calls</c>, once however often the form is sent (<see cref="CallKey"/>).
/// </summary>
[Authorize(Policy = ConsolePolicies.Read)]
public sealed class IndexModel(ConsoleApi api, IOptions<CommitteeOptions> committee, TimeProvider time) : ConsolePageModel
{
    /// <summary>At most this many calls come back from the API (its <c>MaxListed</c>): a list that long says it is cut.</summary>
    public const int MaxListed = 1000;

    /// <summary>The periods the list offers, in days.</summary>
    public static readonly int[] Periods = [1, 7, 30, 90];

    public IReadOnlyList<HotlineCallView> Calls { get; private set; } = [];

    /// <summary>How many days back the list goes.</summary>
    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 7;

    /// <summary>A report filed in the hotline mode whose call could not be logged: the form is filled to log it.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Unlogged { get; set; }

    [BindProperty]
    public CallInput Call { get; set; } = new();

    /// <summary>Made when the form is shown and sent back with it as the <c>Idempotency-Key</c>: a double click logs one call.</summary>
    [BindProperty]
    public string? CallKey { get; set; }

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public string? PublishedHotline => committee.Value.PublishedHotline;

    public string? HotlineDial => committee.Value.HotlineDial;

    public bool MayLog => User.IsInRole(Access.Authorization.AccessRoles.Coordinator) || User.IsInRole(Access.Authorization.AccessRoles.Operator);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        CallKey = Guid.NewGuid().ToString("N");
        if (Unlogged is { } reportId)
        {
            // The report's own caller and words, and the key the report form used: if its call was logged after all, this logs nothing more.
            var filed = await api.GetAsync<ReportView>($"api/v1/reports/{reportId}", cancellationToken);
            if (filed.Value is { Report: { } report })
            {
                Call = CallInput.Reported(reportId, report.Reporter?.Name, report.Reporter?.Phone, report.Reporter?.Organization, report.Title, report.Description);
                CallKey = CallInput.KeyOf(reportId);
            }
            else
            {
                Unlogged = null;
            }
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MayLog)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!string.IsNullOrWhiteSpace(Call.ReceivedAt) && Call.Local is null)
        {
            ModelState.AddModelError("Call." + nameof(CallInput.ReceivedAt), L("Thời điểm không hợp lệ.", "Not a valid time."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(cancellationToken);
        }

        var key = CallKey is { Length: > 0 and <= 64 } k && k.All(char.IsAsciiLetterOrDigit) ? k : null;
        var result = await api.PostOnceAsync<HotlineCallView>("api/v1/hotline/calls", Call.Body(), key, cancellationToken);
        if (result.Ok)
        {
            Message = L("Đã ghi nhận cuộc gọi.", "The call was logged.");
            Call = new();
            Unlogged = null;
            CallKey = Guid.NewGuid().ToString("N");
            ModelState.Clear();
            return await ShowAsync(cancellationToken);
        }

        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Problem = result.Problem;
        if (result.Status == HttpStatusCode.UnprocessableEntity)
        {
            CallKey = Guid.NewGuid().ToString("N"); // the key was used for another call: sent again as it is, the form logs this one
        }

        var english = Lang.IsEnglish(HttpContext);
        foreach (var (field, messages) in result.Problem?.Errors ?? [])
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError("Call." + CallInput.InputOf(field), Show.OneLanguage(message, english));
            }
        }

        Response.StatusCode = (int)result.Status;
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Days = Periods.Contains(Days) ? Days : 7;
        var calls = await api.GetAsync<List<HotlineCallView>>($"api/v1/hotline/calls?from={Uri.EscapeDataString(Show.Iso(Now.AddDays(-Days)))}", cancellationToken);
        if (!calls.Ok)
        {
            return StatusCode((int)calls.Status);
        }

        Calls = calls.Value ?? [];
        return Page();
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The messages of one input.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue("Call." + field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}

/// <summary>The form of a call: when it came is the committee's local time, blank for now.</summary>
public sealed class CallInput
{
    /// <summary>Local time in Vietnam, as a <c>datetime-local</c> input gives it (<c>2026-12-06T03:10</c>).</summary>
    public string? ReceivedAt { get; set; }

    public string? CallerName { get; set; }

    public string? CallerPhone { get; set; }

    public string? CallerOrganization { get; set; }

    public string? Summary { get; set; }

    public string? Outcome { get; set; }

    public Guid? ReportId { get; set; }

    /// <summary><see cref="ReceivedAt"/> as a <c>datetime-local</c> field gives it, read in Vietnam's time; null when blank or not such a time.</summary>
    public DateTimeOffset? Local =>
        DateTime.TryParseExact(ReceivedAt?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var typed)
        && typed.Year >= 2000 ? Show.AtLocal(typed) : null;

    /// <summary>The key a report's call is logged with, from the report form or from this page: whichever comes second logs nothing.</summary>
    public static string KeyOf(Guid reportId) => "call" + reportId.ToString("N");

    /// <summary>
    /// The call a report taken by phone came from: its caller (a name made one line, as the log keeps it) and its title and
    /// description, cut to the log's length.
    /// </summary>
    public static CallInput Reported(Guid reportId, string? name, string? phone, string? organization, string? title, string? description)
    {
        static string? OneLine(string? text) => text is null ? null : new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        var summary = string.Join('\n', new[] { title, description }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        return new CallInput
        {
            CallerName = OneLine(name), CallerPhone = phone, CallerOrganization = OneLine(organization),
            Summary = ColumnText.Fit(summary, 4000), Outcome = HotlineOutcomes.Reported, ReportId = reportId,
        };
    }

    /// <summary>The body of <c>POST /api/v1/hotline/calls</c>.</summary>
    public object Body() => new
    {
        receivedAt = Local?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        callerName = CallerName, callerPhone = CallerPhone, callerOrganization = CallerOrganization, summary = Summary, outcome = Outcome, reportId = ReportId,
    };

    /// <summary>The input an API field's error belongs to.</summary>
    public static string InputOf(string field) => field switch
    {
        "receivedAt" => nameof(ReceivedAt),
        "callerName" => nameof(CallerName),
        "callerPhone" => nameof(CallerPhone),
        "callerOrganization" => nameof(CallerOrganization),
        "summary" => nameof(Summary),
        "outcome" => nameof(Outcome),
        "reportId" => nameof(ReportId),
        _ => "",
    };
}
