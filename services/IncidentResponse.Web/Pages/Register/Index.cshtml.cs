using System.Globalization;
using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Register;

/// <summary>
/// <c>/register</c> — "Sổ sự cố / Incident register": every incident, open and closed, searched (with or without
/// diacritics), filtered, sorted and paged by <c>GET /api/v1/incidents</c>, with links to export the same set as CSV or
/// XLSX (<c>GET /api/v1/incidents/export</c>, streamed through). The committee only: the API refuses responders, whose
/// view is the partner portal. Dates are days in Vietnam's time zone; the period is on when the incident was opened.
/// </summary>
public sealed class IndexModel(ConsoleApi api) : ConsolePageModel
{
    /// <summary>The query-string keys passed on to the API as they are.</summary>
    public static IReadOnlyList<string> Passed { get; } = ["q", "status", "class", "minSeverity", "serious", "tlp", "unit", "drill", "sort", "order"];

    public PageOf<IncidentSummary>? Result { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public string Value(string key) => Request.Query[key].ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var page = int.TryParse(Value("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var read = await api.GetAsync<PageOf<IncidentSummary>>($"api/v1/incidents?{ApiQuery()}&page={page}&pageSize=50", cancellationToken);
        if (read.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Result = read.Value;
        Problem = read.Ok ? null : read.Problem;
        return Page();
    }

    /// <summary>The filtered set as a file, streamed from the API.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/incidents/export?format={(format == "xlsx" ? "xlsx" : "csv")}&{ApiQuery()}", UriKind.Relative));
        var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        HttpContext.Response.RegisterForDispose(request);
        HttpContext.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return StatusCode((int)response.StatusCode);
        }

        var disposition = response.Content.Headers.ContentDisposition;
        var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? $"incident-register.{format}";
        var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        return File(await response.Content.ReadAsStreamAsync(cancellationToken), type, name);
    }

    /// <summary>This page's address with one key changed (or removed when <paramref name="value"/> is null), for sorting and paging links.</summary>
    public string With(string key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key != "handler" && (key == "page" || q.Key != "page"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (value is not null)
        {
            query.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
        }

        return "/register" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>The address of an export of what is shown.</summary>
    public string Export(string format) =>
        "/register?" + string.Join('&', Request.Query.Where(q => q.Key is not ("handler" or "page" or "format"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Prepend("handler=export").Append("format=" + Uri.EscapeDataString(format)));

    /// <summary>The filters in the API's terms: the page's days become the period's instants (from the first day's start to the last day's end).</summary>
    private string ApiQuery()
    {
        var parts = Passed.Where(k => !string.IsNullOrWhiteSpace(Value(k))).Select(k => $"{k}={Uri.EscapeDataString(Value(k).Trim())}").ToList();
        if (Day(Value("from")) is { } from)
        {
            parts.Add("from=" + Uri.EscapeDataString(Show.StartOfDay(from).ToString("O", CultureInfo.InvariantCulture)));
        }

        if (Day(Value("to")) is { } to)
        {
            parts.Add("to=" + Uri.EscapeDataString(Show.StartOfDay(to.AddDays(1)).ToString("O", CultureInfo.InvariantCulture)));
        }

        return string.Join('&', parts);
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
