using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Incidents;

/// <summary>
/// One incident for the committee: summary, triage explanation, deadlines, observables, engagements
/// with escalation, deliveries, the verified timeline; coordinators and operators also act on it
/// (status, severity, close, note, re-send). Every read and action goes through the API, which
/// enforces the roles again. A responder is shown the partner portal's view of the incident instead.
/// </summary>
public sealed class IndexModel(IncidentReader reader, ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public IncidentPage? Data { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public bool CanAct => User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator);

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return Redirect($"/portal/incidents/{id}");
        }

        Now = time.GetUtcNow();
        var (page, status) = await reader.ReadAsync(id, HttpContext.RequestAborted);
        if (page is null)
        {
            return status == HttpStatusCode.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        Data = page;
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, string? status, string? reason) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/status", new { status, reason = Blank(reason) }, HttpContext.RequestAborted),
            L("Đã chuyển trạng thái.", "The status was changed."));

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? resolution, string? reason) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/status", new { status = IncidentStatuses.Closed, resolution, reason = Blank(reason) }, HttpContext.RequestAborted),
            L("Đã đóng sự cố.", "The incident was closed."));

    public Task<IActionResult> OnPostSeverityAsync(Guid id, int? level, bool serious, string? reason) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/severity", new { level, serious, reason }, HttpContext.RequestAborted),
            L("Đã ghi nhận mức độ.", "The severity was recorded."));

    public Task<IActionResult> OnPostClassificationAsync(Guid id, string? classification, string? reason) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/classification", new { classification, reason = Blank(reason) }, HttpContext.RequestAborted),
            L("Đã đổi phân loại; mức độ, định tuyến và nghĩa vụ đã được tính lại theo phân loại mới.", "The classification was changed; severity, routing and duties were worked out again."));

    /// <summary>Declares personal data (<c>personal-data</c>) or a possible harm to national security or public order (<c>national-security</c>).</summary>
    public Task<IActionResult> OnPostFactAsync(Guid id, string? fact, string? reason) =>
        fact is "personal-data" or "national-security"
            ? ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/{fact}", new { reason = Blank(reason) }, HttpContext.RequestAborted),
                L("Đã khai báo; các nghĩa vụ báo cáo đã được cập nhật.", "Declared; the legal duties were updated."))
            : Task.FromResult<IActionResult>(Back(id, L("Không thực hiện được: chọn một tình tiết.", "Not done: choose a fact."), error: true));

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? text) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/notes", new { text }, HttpContext.RequestAborted),
            L("Đã thêm ghi chú.", "The note was added."));

    public Task<IActionResult> OnPostSubmitDutyAsync(
        Guid id, string duty, string? channel, string? documentVersion, string? note, Guid? documentId, string? lateReason = null, string? confirmationRecord = null) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/duties/{Uri.EscapeDataString(duty)}/submit",
                new
                {
                    channel = Blank(channel), documentVersion = Blank(documentVersion), note = Blank(note), documentId,
                    lateReason = Blank(lateReason), confirmationRecord = Blank(confirmationRecord),
                }, HttpContext.RequestAborted),
            L("Đã ghi nhận nghĩa vụ đã gửi.", "The duty was recorded as submitted."));

    /// <summary>
    /// Issues a form with the operator's wording: each posted <c>edit.{field}</c> that is not blank replaces what the stored
    /// data gives, as text; a yes/no field is posted as <c>yesno.{field}</c> ("yes"/"no"). The form's <c>issueKey</c> makes a double submit issue one version.
    /// </summary>
    public Task<IActionResult> OnPostIssueDocumentAsync(Guid id, string form, string? issueKey)
    {
        var edits = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Form)
        {
            var text = value.ToString().Trim();
            if (text.Length == 0)
            {
                continue;
            }

            // Only a yes/no field (its own prefix) becomes a boolean: "yes" typed into a text field stays text.
            if (key.StartsWith("edit.", StringComparison.Ordinal))
            {
                edits[key["edit.".Length..]] = text;
            }
            else if (key.StartsWith("yesno.", StringComparison.Ordinal))
            {
                edits[key["yesno.".Length..]] = text == "yes";
            }
        }

        return ActAsync(id, () => api.PostOnceAsync<object>($"api/v1/incidents/{id}/documents/{Uri.EscapeDataString(form)}/issue", edits, IdempotencyKeys.OrNull(issueKey),
            HttpContext.RequestAborted), L("Đã ban hành văn bản.", "The document was issued."));
    }

    /// <summary>
    /// Adds observables found after filing (<c>type: value</c> lines) as a follow-up report of the incident, through the same
    /// door as every report (<c>POST /api/v1/reports</c> with its number): stored, then attached by triage, on the timeline.
    /// </summary>
    public async Task<IActionResult> OnPostObservablesAsync(Guid id, string? observables, string? note, string? observablesKey)
    {
        if (!CanAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var lines = Reports.ReportForm.Lines(observables);
        var wrong = lines.FirstOrDefault(line => Reports.ReportForm.Observable(line) is null);
        wrong = wrong is { Length: > 80 } ? wrong[..80] + "…" : wrong; // the message travels in a cookie
        if (lines.Count == 0 || wrong is not null)
        {
            return Back(id, L("Không thực hiện được: ", "Not done: ") + (wrong is null
                ? L("nhập ít nhất một dấu hiệu, mỗi dòng một dấu hiệu dạng loại: giá trị.", "enter at least one observable, one a line as type: value.")
                : L($"dòng “{wrong}”: ghi theo dạng loại: giá trị, ví dụ ip: 203.0.113.7.", $"line “{wrong}”: write type: value, e.g. ip: 203.0.113.7.")), error: true);
        }

        var incident = await api.GetAsync<IncidentDetail>($"api/v1/incidents/{id}", HttpContext.RequestAborted);
        if (!incident.Ok || incident.Value is not { } i)
        {
            return incident.Status == HttpStatusCode.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        var body = new
        {
            incidentNumber = i.Number,
            title = $"Bổ sung dấu hiệu nhận biết / Observables added: {i.Number}",
            description = Blank(note) ?? "Dấu hiệu nhận biết bổ sung sau khi báo cáo / observables added after filing",
            classification = i.Classification,
            tlp = i.Tlp,
            drill = i.Drill, // a drill takes drill reports only
            // No detection time: intake takes the time received (these were found now; the incident's own time stays).
            observables = lines.Select(line => Reports.ReportForm.Observable(line)!.Value).Select(o => new { type = o.Type, value = o.Value }).ToList(),
        };
        return await ActAsync(id, () => api.PostOnceAsync<object>("api/v1/reports", body, IdempotencyKeys.OrNull(observablesKey), HttpContext.RequestAborted),
            L("Đã gửi; dấu hiệu sẽ hiện ở đây khi báo cáo bổ sung được gắn vào sự cố (vài giây).",
              "Sent; the observables appear here once the follow-up report is attached to the incident (a few seconds)."));
    }

    /// <summary>Sends an issued version to its duty's recipients, or to those typed (comma-separated) for a form no duty asks for.</summary>
    public Task<IActionResult> OnPostSendDocumentAsync(Guid id, Guid document, string? duty, string? recipients)
    {
        var typed = recipients?.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/documents/issued/{document}/send",
                new { dutyId = Blank(duty), recipients = typed is { Length: > 0 } ? typed : null }, HttpContext.RequestAborted),
            L("Đã gửi văn bản qua thư điện tử.", "The document is being sent by e-mail."));
    }

    public Task<IActionResult> OnPostDutyRecordAsync(Guid id, string duty, string? confirmationRecord) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/duties/{Uri.EscapeDataString(duty)}/confirmation-record",
                new { confirmationRecord = Blank(confirmationRecord) }, HttpContext.RequestAborted),
            L("Đã ghi nhận biên bản xác nhận.", "The confirmation record was recorded."));

    public Task<IActionResult> OnPostWaiveDutyAsync(Guid id, string duty, string? reason) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/duties/{Uri.EscapeDataString(duty)}/waive", new { reason = Blank(reason) }, HttpContext.RequestAborted),
            L("Đã miễn nghĩa vụ.", "The duty was waived."));

    public async Task<IActionResult> OnPostEngageAsync(Guid id, string? unit, string? reason)
    {
        if (!CanAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await api.PostAsync<object>($"api/v1/incidents/{id}/engagements", new { unit = Blank(unit), reason = Blank(reason) }, HttpContext.RequestAborted);
        return result.Status switch
        {
            // Notifications has not routed the incident yet (just filed): not an unknown page.
            HttpStatusCode.NotFound => Back(id, L("Không thực hiện được: sự cố chưa được định tuyến xong; thử lại sau ít phút.",
                "Not done: the incident is not routed yet; try again in a few minutes."), error: true),
            HttpStatusCode.OK => Back(id, L("Đơn vị đã được phân công từ trước; không gửi thêm thông báo.", "The unit was engaged already; nothing more was sent."), error: false),
            _ => await ActAsync(id, () => Task.FromResult(result), L("Đã phân công đơn vị; thông báo đang được gửi.", "The unit is engaged; its notice is being sent.")),
        };
    }

    public Task<IActionResult> OnPostResendAsync(Guid id, Guid delivery) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/deliveries/{delivery}/resend", null, HttpContext.RequestAborted),
            L("Đã gửi lại thông báo.", "The notification is being sent again."));

    public Task<IActionResult> OnPostEvidenceCustodyAsync(Guid id, Guid evidence, string? to, string? note) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/evidence/{evidence}/custody", new { to = Blank(to), note = Blank(note) }, HttpContext.RequestAborted),
            L("Đã ghi nhận chuyển giao chứng cứ.", "The hand-over was recorded."));

    public Task<IActionResult> OnPostTaskDoneAsync(Guid id, string? key, string? note, string? checklist) =>
        ActAsync(id, () => api.PostAsync<object>($"{TaskPath(id, key)}/done", new { note = Blank(note), checklist = Blank(checklist) }, HttpContext.RequestAborted),
            L("Đã đánh dấu hoàn thành.", "The task was marked done."), TasksAnchor);

    public Task<IActionResult> OnPostTaskReopenAsync(Guid id, string? key, string? reason, string? checklist) =>
        ActAsync(id, () => api.PostAsync<object>($"{TaskPath(id, key)}/reopen", new { note = Blank(reason), checklist = Blank(checklist) }, HttpContext.RequestAborted),
            L("Đã mở lại việc.", "The task was reopened."), TasksAnchor);

    public Task<IActionResult> OnPostTaskAssignAsync(Guid id, string? key, string? assignee, string? checklist) =>
        ActAsync(id, () => api.PostAsync<object>($"{TaskPath(id, key)}/assign", new { assignee = Blank(assignee), checklist = Blank(checklist) }, HttpContext.RequestAborted),
            L("Đã giao việc.", "The task was given."), TasksAnchor);

    public Task<IActionResult> OnPostAddTaskAsync(Guid id, string? titleVi, string? titleEn, string? assignee) =>
        ActAsync(id, () => api.PostAsync<object>($"api/v1/incidents/{id}/tasks", new { titleVi = Blank(titleVi), titleEn = Blank(titleEn), assignee = Blank(assignee) },
            HttpContext.RequestAborted), L("Đã thêm việc cần làm.", "The task was added."), TasksAnchor);

    /// <summary>Where a task's form comes back to when it worked (a refusal is shown at the top, with the other messages).</summary>
    private const string TasksAnchor = "#tasks";

    private static string TaskPath(Guid id, string? key) => $"api/v1/incidents/{id}/tasks/{Uri.EscapeDataString(key ?? "")}";

    /// <summary>An evidence file, byte for byte as kept, streamed (the API checks who may read it; never rendered, a sample may be malware).</summary>
    public Task<IActionResult> OnGetEvidenceFileAsync(Guid id, Guid evidence) =>
        BytesFromApiAsync(api, $"api/v1/incidents/{id}/evidence/{evidence}", $"{evidence}");

    /// <summary>An issued version's file, as stored (the API checks who may read it).</summary>
    public Task<IActionResult> OnGetDocumentFileAsync(Guid id, Guid document, string? format) =>
        FileFromApiAsync(api, $"api/v1/incidents/{id}/documents/issued/{document}?format={(format == "docx" ? "docx" : "pdf")}", $"{document}");

    /// <summary>A form as generated now from the stored data, not issued (a draft to read before wording and issuing it).</summary>
    public Task<IActionResult> OnGetDraftAsync(Guid id, string form) =>
        FileFromApiAsync(api, $"api/v1/incidents/{id}/documents/{Uri.EscapeDataString(form)}?format=pdf", form);


    /// <summary>
    /// Checks the role here too (the API checks again), calls the API and comes back with the outcome. The input is
    /// validated once, by the API: its problem's field messages are shown in the reader's language.
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<ApiResult<object>>> call, string done, string anchor = "")
    {
        if (!CanAct)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await call();
        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (result.Status == HttpStatusCode.NotFound && anchor != TasksAnchor)
        {
            return NotFound();
        }

        if (result.Ok)
        {
            return Back(id, done, error: false, anchor);
        }

        // A task's 404 (a key the list no longer has) is said like any refusal; the incident's own is the page's 404 on return.
        var message = Show.Problem(result.Problem, Lang.IsEnglish(HttpContext));
        return Back(id, L("Không thực hiện được: ", "Not done: ") + message, error: true);
    }

    private RedirectResult Back(Guid id, string message, bool error, string anchor = "")
    {
        Flash = message;
        FlashIsError = error;
        return Redirect($"/incidents/{id}{anchor}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
