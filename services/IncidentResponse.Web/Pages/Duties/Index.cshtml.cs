using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Duties;

/// <summary>
/// <c>/duties</c>: the "duties due" board — the open legal duties of every incident, earliest due first
/// (<c>/api/v1/duties</c>), each linking to its incident where it is submitted or waived; and the committee's periodic
/// reports of the year (<c>/api/v1/periodic-reports</c>, Mẫu 05), with the form as generated now, recorded submitted or
/// waived here.
/// </summary>
public sealed class IndexModel(ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<DutyView> Duties { get; private set; } = [];

    public IReadOnlyList<PeriodicReportView> Periodic { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The recipients' names (<c>/api/v1/recipient-roles</c>), for roles the board would otherwise show as codes.</summary>
    public RecipientNames Recipients { get; private set; } = RecipientNames.None;

    /// <summary>
    /// The latest reminder of each periodic report (<c>/api/v1/deliveries?origin=periodic</c>), by <c>{kind}:{year}</c>: when it was
    /// sent and whether it reached the unit. None when the deliveries could not be read.
    /// </summary>
    public IReadOnlyDictionary<string, DeliverySummary> Reminders { get; private set; } = new Dictionary<string, DeliverySummary>();

    /// <summary>
    /// The e-mails of the periodic reports' issued versions (<c>/api/v1/deliveries?origin=document</c>, about no incident), by
    /// <c>{kind}:{year}</c>, newest first: whether each reached its recipient, before a person records the report submitted.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DeliverySummary>> Mailings { get; private set; } = new Dictionary<string, IReadOnlyList<DeliverySummary>>();

    /// <summary>The mailings could not be read: the board says so rather than showing none.</summary>
    public bool MailingsUnreadable { get; private set; }

    /// <summary>The periodic reports could not be read: the board says so rather than showing none.</summary>
    public bool PeriodicUnreadable { get; private set; }

    public bool CanAct => User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator);

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Now = time.GetUtcNow();
        var read = await api.GetAsync<List<DutyView>>("api/v1/duties", cancellationToken);
        if (read.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Duties = read.Value ?? [];
        // This year's, and last year's still open: an annual report not sent by 31 December stays on the board.
        var thisYear = await api.GetAsync<List<PeriodicReportView>>("api/v1/periodic-reports", cancellationToken);
        var lastYear = thisYear.Value is [var first, ..]
            ? await api.GetAsync<List<PeriodicReportView>>($"api/v1/periodic-reports?year={first.Year - 1}", cancellationToken)
            : null;
        PeriodicUnreadable = !thisYear.Ok || lastYear is { Ok: false };
        Periodic = [.. (lastYear?.Value ?? []).Where(r => r.State is DutyStates.Due or DutyStates.Overdue), .. thisYear.Value ?? []];
        var reminders = await api.GetAsync<PageOf<DeliverySummary>>("api/v1/deliveries?origin=periodic&pageSize=200", cancellationToken);
        Recipients = await RecipientNames.ReadAsync(api, null, cancellationToken);
        Reminders = (reminders.Value?.Items ?? []).GroupBy(d => d.IncidentNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.CreatedAt)!, StringComparer.Ordinal);
        // Only the notices about no incident (the periodic reports'), not every incident's documents.
        var mailings = await api.GetAsync<PageOf<DeliverySummary>>($"api/v1/deliveries?origin=document&incident={Guid.Empty}&pageSize=100", cancellationToken);
        MailingsUnreadable = !mailings.Ok;
        Mailings = (mailings.Value?.Items ?? []).Where(d => d.IncidentId == Guid.Empty).GroupBy(d => d.IncidentNumber, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DeliverySummary>)[.. g.OrderByDescending(d => d.CreatedAt)], StringComparer.Ordinal);
        return Page();
    }

    /// <summary>A periodic report's form as generated now (the API checks who may read it).</summary>
    public Task<IActionResult> OnGetPeriodicFormAsync(int year, int? half, string? format) =>
        FileFromApiAsync(api, $"api/v1/statistics/mau-05?year={year}{(half is { } h ? $"&half={h}" : "")}&format={(format == "docx" ? "docx" : "pdf")}", $"mau-05-{year}");

    /// <summary>An issued version of a periodic report's form, byte for byte as stored.</summary>
    public Task<IActionResult> OnGetIssuedFormAsync(string kind, int year, Guid document, string? format) =>
        FileFromApiAsync(api, $"api/v1/periodic-reports/{Segment(kind)}/{year}/issued/{document}?format={(format == "docx" ? "docx" : "pdf")}", $"{document}");

    /// <summary>Issues the form as counted now, as the report's next version; the form's <c>issueKey</c> makes a double submit issue one.</summary>
    public Task<IActionResult> OnPostIssuePeriodicAsync(string kind, int year, string? issueKey) =>
        ActAsync(() => api.PostOnceAsync<object>($"api/v1/periodic-reports/{Segment(kind)}/{year}/issue", null, IdempotencyKeys.OrNull(issueKey), HttpContext.RequestAborted),
            L("Đã ban hành văn bản báo cáo định kỳ.", "The periodic report's form was issued."));

    /// <summary>E-mails an issued version to the report's recipients (sending is not submitting); <c>sendKey</c> sends once.</summary>
    public Task<IActionResult> OnPostSendPeriodicAsync(string kind, int year, Guid document, string? sendKey) =>
        ActAsync(() => api.PostOnceAsync<object>($"api/v1/periodic-reports/{Segment(kind)}/{year}/issued/{document}/send", new { }, IdempotencyKeys.OrNull(sendKey), HttpContext.RequestAborted),
            L("Đang gửi văn bản qua thư điện tử; khi thư đã tới, ghi nhận báo cáo đã gửi.", "The form is being sent by e-mail; once it has arrived, record the report submitted."));

    /// <summary>Records the report submitted; <paramref name="documentId"/>: the issued version that was sent, when one was.</summary>
    public Task<IActionResult> OnPostSubmitPeriodicAsync(string kind, int year, string? channel, string? documentVersion, string? note, Guid? documentId) =>
        ActAsync(() => api.PostAsync<object>($"api/v1/periodic-reports/{Segment(kind)}/{year}/submit",
                new { channel = Blank(channel), documentVersion = Blank(documentVersion), note = Blank(note), documentId }, HttpContext.RequestAborted),
            L("Đã ghi nhận báo cáo định kỳ đã gửi.", "The periodic report was recorded as submitted."));

    public Task<IActionResult> OnPostWaivePeriodicAsync(string kind, int year, string? reason) =>
        ActAsync(() => api.PostAsync<object>($"api/v1/periodic-reports/{Segment(kind)}/{year}/waive", new { reason = Blank(reason) }, HttpContext.RequestAborted),
            L("Đã miễn báo cáo định kỳ.", "The periodic report was waived."));

    private async Task<IActionResult> ActAsync(Func<Task<ApiResult<object>>> call, string done)
    {
        if (!CanAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await call();
        if (result.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return StatusCode((int)result.Status);
        }

        Flash = result.Ok ? done : L("Không thực hiện được: ", "Not done: ") + Show.Problem(result.Problem, Lang.IsEnglish(HttpContext));
        FlashIsError = !result.Ok;
        return Redirect("/duties#periodic");
    }

    /// <summary>How a mail stands, in the reader's language: sent, not delivered, being sent, cancelled or held.</summary>
    public string Delivery(string status) => status switch
    {
        NotificationStatus.Delivered => L("đã gửi", "delivered"),
        NotificationStatus.Failed => L("KHÔNG gửi được", "NOT delivered"),
        NotificationStatus.Pending => L("đang gửi", "being sent"),
        NotificationStatus.Cancelled => L("đã hủy", "cancelled"),
        NotificationStatus.Held => L("đang giữ lại, chưa gửi", "held, not sent"),
        _ => status,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A report's kind as a path segment; none given becomes one no rule has, which the API answers 404.</summary>
    private static string Segment(string? kind) => Uri.EscapeDataString(string.IsNullOrWhiteSpace(kind) ? "-" : kind);
}
