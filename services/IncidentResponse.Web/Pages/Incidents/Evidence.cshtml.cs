using System.Globalization;
using System.Net.Http.Headers;
using IncidentResponse.Contracts.Api.Evidence;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Incidents;

/// <summary>
/// Keeps a file as evidence of an incident, from the form on its page. A page of its own because it alone takes a body
/// larger than the Host's 1 MB: the limit is this route's (applied when the route is chosen, before anything reads the
/// body), and only coordinators and operators get past authorisation to send one. The file and its fields go on to the
/// API as they came; it checks, hashes and keeps them.
/// </summary>
[RequestSizeLimit(EvidenceLimits.CeilingBytes + EvidenceLimits.FormOverheadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceLimits.CeilingBytes + EvidenceLimits.FormOverheadBytes)]
public sealed class EvidenceModel(ConsoleApi api) : ConsolePageModel
{
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public IActionResult OnGet(Guid id) => Redirect($"/incidents/{id}#evidence");

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file, string? description, string? source, string? collectedBy, string? collectedAt, string? evidenceKey)
    {
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(collectedAt))
        {
            // A datetime-local field: the committee's time, without an offset.
            if (!DateTime.TryParseExact(collectedAt.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var typed)
                || typed.Year < 2000)
            {
                return Back(id, L("Không thực hiện được: thời điểm thu thập không hợp lệ.", "Not done: the time collected is not a valid time."), error: true);
            }

            at = Show.AtLocal(typed);
        }

        using var content = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new StreamContent(file.OpenReadStream());
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", file.FileName);
        }

        foreach (var (name, value) in new[] { ("description", description), ("source", source), ("collectedBy", collectedBy) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                content.Add(new StringContent(value.Trim()), name);
            }
        }

        if (at is { } when)
        {
            content.Add(new StringContent(when.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)), "collectedAt");
        }

        ApiResult<object> result;
        try
        {
            result = await api.PostMultipartAsync<object>($"api/v1/incidents/{id}/evidence", content, IdempotencyKeys.OrNull(evidenceKey), HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The API closed the connection while the file was still going (it refused it at once, e.g. as too large), or
            // the file took longer than the console waits for the API.
            return Back(id, L("Không thực hiện được: máy chủ không nhận tệp; kiểm tra kích thước tệp.", "Not done: the server did not take the file; check its size."), error: true);
        }

        if (result.Ok)
        {
            return Back(id, L("Đã lưu chứng cứ.", "The evidence was kept."), error: false);
        }

        if (result.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return StatusCode((int)result.Status);
        }

        var message = Show.Problem(result.Problem, Lang.IsEnglish(HttpContext));
        return Back(id, L("Không thực hiện được: ", "Not done: ") + message, error: true);
    }

    private RedirectResult Back(Guid id, string message, bool error)
    {
        Flash = message;
        FlashIsError = error;
        return Redirect($"/incidents/{id}#evidence");
    }
}
