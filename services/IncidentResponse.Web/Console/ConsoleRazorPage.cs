using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentResponse.Web.Console;

/// <summary>Base of every console page (set in <c>Pages/_ViewImports</c>): <c>@L("Bảng điều khiển", "Board")</c>.</summary>
public abstract class ConsolePage : Page
{
    /// <summary>The Vietnamese or the English text, by the reader's language (Vietnamese by default).</summary>
    public string L(string vi, string en) => Lang.Pick(ViewContext.HttpContext, vi, en);
}

/// <summary>Base of the layout and partial views (set in <c>Pages/Shared/_ViewImports</c>), with the same <c>L</c>.</summary>
public abstract class ConsoleRazorPage<TModel> : RazorPage<TModel>
{
    public string L(string vi, string en) => Lang.Pick(ViewContext.HttpContext, vi, en);
}

/// <summary>Base of console page models: the same <c>L</c> for messages set in handlers.</summary>
public abstract class ConsolePageModel : PageModel
{
    public string L(string vi, string en) => Lang.Pick(HttpContext, vi, en);

    /// <summary>
    /// A file someone sent (evidence, a report's attachment), streamed from the API as opaque bytes: never rendered (a sample
    /// may be malware), never cached; its status when refused, its name as the API gives it.
    /// </summary>
    protected async Task<IActionResult> BytesFromApiAsync(ConsoleApi api, string path, string fallbackName)
    {
        ArgumentNullException.ThrowIfNull(api);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, HttpContext.RequestAborted);
        HttpContext.Response.RegisterForDispose(request);
        HttpContext.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return StatusCode((int)response.StatusCode);
        }

        var disposition = response.Content.Headers.ContentDisposition;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(await response.Content.ReadAsStreamAsync(HttpContext.RequestAborted), "application/octet-stream",
            disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? fallbackName);
    }

    /// <summary>A file the API serves (a document, a form), passed on as it came: its status when refused, its name and type.</summary>
    protected async Task<IActionResult> FileFromApiAsync(ConsoleApi api, string path, string fallbackName)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = await api.SendAsync(request, HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return StatusCode((int)response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(HttpContext.RequestAborted);
        var disposition = response.Content.Headers.ContentDisposition;
        var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? fallbackName;
        return File(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", name);
    }
}
