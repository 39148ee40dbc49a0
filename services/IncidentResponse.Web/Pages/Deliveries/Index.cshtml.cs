using System.Globalization;
using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Deliveries;

/// <summary>
/// <c>/deliveries</c>: the notifications that reached nobody, across every incident (<c>/api/v1/deliveries?status=failed</c>),
/// newest first, each with its incident, unit, recipient and last error, and a button to send it again; the other states
/// on request (<c>?status=pending</c> …). Where an operator looks when the failed-notifications alert fires.
/// </summary>
public sealed class IndexModel(ConsoleApi api) : ConsolePageModel
{
    public const int PageSize = 50;

    public PageOf<DeliverySummary> Deliveries { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The status listed: <see cref="NotificationStatus.Failed"/> unless the reader asked for another.</summary>
    public string Status { get; private set; } = NotificationStatus.Failed;

    /// <summary>The units' names (<c>/api/v1/units</c>), for the codes the deliveries carry.</summary>
    public RecipientNames Recipients { get; private set; } = RecipientNames.None;

    /// <summary>The deliveries could not be read: the page says so rather than showing none.</summary>
    public bool Unreadable { get; private set; }

    public bool CanAct => User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator);

    /// <summary>The unit listed (<c>?unit=vnpt-bn</c>), or null for every unit.</summary>
    public string? Unit { get; private set; }

    /// <summary>
    /// Only what still needs someone (<c>?answered=false</c>): the pages of units that have answered since are left out
    /// (<see cref="DeliverySummary.AnsweredAs"/>), and so are the pages, updates and hand-overs a close stopped
    /// (<see cref="DeliverySummary.StoppedByClose"/>); deadline alerts, documents and receipts stay.
    /// </summary>
    public bool OnlyUnanswered { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    // "page" is Razor Pages' own route value (the page's path), so the page number is read from the query string.
    public async Task<IActionResult> OnGetAsync(string? status, string? unit, string? answered, CancellationToken cancellationToken)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Status = Listed(status);
        Unit = UnitOf(unit);
        OnlyUnanswered = Unanswered(answered);
        var number = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 10_000) : 1;
        var read = await api.GetAsync<PageOf<DeliverySummary>>(
            $"api/v1/deliveries?status={Status}{UnitQuery}&page={number}&pageSize={PageSize}", cancellationToken);
        if (read.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (read.Value is { Items.Count: 0, Total: > 0 } past && number > 1)
        {
            // Past the end (a re-send on the last page moved its notice out of the list): the last page instead.
            var last = (past.Total + PageSize - 1) / PageSize;
            read = await api.GetAsync<PageOf<DeliverySummary>>($"api/v1/deliveries?status={Status}{UnitQuery}&page={last}&pageSize={PageSize}", cancellationToken);
        }

        Unreadable = !read.Ok || read.Value is null;
        Deliveries = read.Value ?? Deliveries;
        Recipients = await RecipientNames.ReadAsync(api, null, cancellationToken);
        return Page();
    }

    /// <summary>Sends a failed (or delivered) notification again and comes back to the same list.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid delivery, string? status, string? unit, string? answered, int? listPage)
    {
        if (!CanAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await api.PostAsync<object>($"api/v1/deliveries/{delivery}/resend", null, HttpContext.RequestAborted);
        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        FlashIsError = !result.Ok;
        Flash = result.Ok
            ? L("Đã gửi lại thông báo; danh sách cập nhật khi có kết quả.", "The notification is being sent again; the list shows the outcome when it is known.")
            : result.Status == HttpStatusCode.NotFound
                ? L("Không tìm thấy thông báo này.", "No such notification.")
                : L("Không thực hiện được: ", "Not done: ") + Show.Problem(result.Problem, Lang.IsEnglish(HttpContext));
        Status = Listed(status);
        Unit = UnitOf(unit);
        OnlyUnanswered = Unanswered(answered);
        return Redirect(listPage is > 1 ? PageLink(listPage.Value) : PageLink(1));
    }

    /// <summary>The status a reader asked for, if it is one; else the failed ones, which the page is for.</summary>
    private static string Listed(string? status) => status is not null && NotificationStatus.All.Contains(status) ? status : NotificationStatus.Failed;

    /// <summary>The list's address for another page of the same status and unit.</summary>
    public string PageLink(int page) =>
        page > 1 ? string.Create(CultureInfo.InvariantCulture, $"/deliveries?status={Status}{UnitQuery}&page={page}") : $"/deliveries?status={Status}{UnitQuery}";

    private string UnitQuery => (Unit is null ? "" : $"&unit={Uri.EscapeDataString(Unit)}") + (OnlyUnanswered ? "&answered=false" : "");

    private static bool Unanswered(string? answered) => string.Equals(answered, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A unit code as the register takes them (letters, digits, '-', '_', '.'; at most 64), else none: every unit.</summary>
    private static string? UnitOf(string? unit) =>
        unit?.Trim() is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? code : null;
}
