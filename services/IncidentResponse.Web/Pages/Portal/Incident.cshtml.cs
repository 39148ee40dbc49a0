using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Portal;

/// <summary>
/// One incident in the partner portal: what TLP lets the unit see, its engagement(s) and the unit's
/// actions — acknowledge, accept, decline (with a reason), resolve, add a note — all through the API,
/// which answers 404 for another unit's incident or engagement (and so does this page).
/// </summary>
public sealed class IncidentModel(ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public const int MaxReason = 2000;
    public const int MaxNote = 4000;

    public PortalIncident? Incident { get; private set; }

    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>The form of an engagement that failed its checks, with the message (re-shown next to it).</summary>
    public Guid? ErrorEngagement { get; private set; }

    public string? ErrorField { get; private set; }

    public string? Error { get; private set; }

    public string? Reason { get; private set; }

    public string? NoteText { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public bool MayAct => User.IsInRole(AccessRoles.Responder) || User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, Guid engagement) =>
        ActAsync(id, engagement, "acknowledge", null, L("Đã xác nhận nhận tin.", "Receipt acknowledged."));

    public Task<IActionResult> OnPostAcceptAsync(Guid id, Guid engagement) =>
        ActAsync(id, engagement, "accept", null, L("Đơn vị đã nhận xử lý sự cố.", "The unit accepted the incident."));

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, Guid engagement, string? reason)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReason)
        {
            return await InvalidAsync(id, engagement, "reason", string.IsNullOrEmpty(text)
                ? L("Vui lòng nêu lý do từ chối.", "Please give the reason for declining.")
                : L($"Lý do tối đa {MaxReason} ký tự.", $"The reason has at most {MaxReason} characters."), reason);
        }

        return await ActAsync(id, engagement, "decline", new { reason = text }, L("Đơn vị đã từ chối; sự cố được chuyển cho Văn phòng thường trực.", "The unit declined; the incident goes to the standing office."));
    }

    public Task<IActionResult> OnPostResolveAsync(Guid id, Guid engagement, string? summary) =>
        ActAsync(id, engagement, "resolve", new { summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim() }, L("Đã đánh dấu đơn vị xử lý xong.", "Marked as resolved by the unit."));

    public async Task<IActionResult> OnPostNoteAsync(Guid id, Guid engagement, string? text)
    {
        var note = text?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNote)
        {
            return await InvalidAsync(id, engagement, "text", string.IsNullOrEmpty(note)
                ? L("Vui lòng nhập nội dung ghi chú.", "Please write the note.")
                : L($"Ghi chú tối đa {MaxNote} ký tự.", $"The note has at most {MaxNote} characters."), text);
        }

        return await ActAsync(id, engagement, "notes", new { text = note }, L("Đã gửi ghi chú; ghi chú được đưa vào diễn biến sự cố.", "The note was sent to the incident's timeline."));
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        Now = time.GetUtcNow();
        var unit = string.IsNullOrWhiteSpace(Unit) ? "" : "?unit=" + Uri.EscapeDataString(Unit.Trim());
        var result = await api.GetAsync<PortalIncident>($"api/v1/portal/incidents/{id}{unit}", HttpContext.RequestAborted);
        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!result.Ok || result.Value is null)
        {
            return NotFound();
        }

        Incident = result.Value;
        return null;
    }

    private async Task<IActionResult> InvalidAsync(Guid id, Guid engagement, string field, string message, string? value)
    {
        if (!MayAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (await LoadAsync(id) is { } failed)
        {
            return failed;
        }

        if (Incident!.Engagements.All(e => e.Id != engagement))
        {
            return NotFound();
        }

        (ErrorEngagement, ErrorField, Error) = (engagement, field, message);
        if (field == "reason")
        {
            Reason = value;
        }
        else
        {
            NoteText = value;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> ActAsync(Guid id, Guid engagement, string action, object? body, string done)
    {
        if (!MayAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // The engagement must belong to this incident as the caller sees it: the portal API says 404 otherwise.
        if (await LoadAsync(id) is { } failed)
        {
            return failed;
        }

        if (Incident!.Engagements.All(e => e.Id != engagement))
        {
            return NotFound();
        }

        var result = await api.PostAsync<object>($"api/v1/engagements/{engagement}/{action}", body ?? new { }, HttpContext.RequestAborted);
        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var english = Lang.IsEnglish(HttpContext);
        Flash = result.Ok
            ? done
            : L("Không thực hiện được: ", "Not done: ") + Show.OneLanguage(
                result.Problem?.Errors?.SelectMany(e => e.Value).FirstOrDefault() ?? result.Problem?.Detail ?? result.Problem?.Title, english);
        return Redirect($"/portal/incidents/{id}" + (string.IsNullOrWhiteSpace(Unit) ? "" : "?unit=" + Uri.EscapeDataString(Unit.Trim())));
    }
}
