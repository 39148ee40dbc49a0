using System.Globalization;
using System.Net;
using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Analytics;

/// <summary>
/// <c>/analytics</c>: response analytics for the committee — a period (local days, the last 30 by default), a table per unit
/// (MTTA, MTTR, declines, pages, failed deliveries, duties) and charts drawn as SVG on the server, read from
/// <c>/api/v1/analytics/…</c>, with the same figures as CSV. Responders read their own unit's figures over the API only.
/// </summary>
[Authorize(Policy = ConsolePolicies.Read)]
public sealed class IndexModel(ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public const int DefaultDays = 30;

    /// <summary>The committee's zone: days are its days (the API's buckets use the same zone).</summary>
    private static readonly TimeZoneInfo Zone = FindZone();

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Bucket { get; set; }

    public IReadOnlyList<UnitFigures> Units { get; private set; } = [];

    public IReadOnlyList<IncidentPeriodFigures> Incidents { get; private set; } = [];

    public IReadOnlyList<ChannelFigures> Channels { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The API query for the period chosen (instants at local midnight, <c>to</c> the day after the last day).</summary>
    public string Query { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (first, last) = Days();
        Bucket = Bucket is "week" or "month" ? Bucket : "day";
        From = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Query = $"from={Uri.EscapeDataString(Instant(first))}&to={Uri.EscapeDataString(Instant(last.AddDays(1)))}";
        var units = await api.GetAsync<AnalyticsList<UnitFigures>>($"api/v1/analytics/units?{Query}", cancellationToken);
        if (units.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var incidents = await api.GetAsync<AnalyticsList<IncidentPeriodFigures>>($"api/v1/analytics/incidents?{Query}&bucket={Bucket}", cancellationToken);
        var channels = await api.GetAsync<AnalyticsList<ChannelFigures>>($"api/v1/analytics/deliveries?{Query}", cancellationToken);
        Errors = [.. new[] { units.Problem, incidents.Problem, channels.Problem }.Where(p => p is not null)
            .SelectMany(p => p!.Errors?.SelectMany(e => e.Value) ?? [p.Detail ?? p.Title ?? ""]).Distinct()];
        Units = units.Value?.Items ?? [];
        Incidents = incidents.Value?.Items ?? [];
        Channels = channels.Value?.Items ?? [];
        return Page();
    }

    /// <summary>Every period of the chosen days, those without incidents too, so the chart's axis is time (labels as the API writes them).</summary>
    public IReadOnlyList<IncidentPeriodFigures> Timeline()
    {
        var (first, last) = Days();
        var known = Incidents.ToDictionary(p => p.Period, StringComparer.Ordinal);
        var periods = new List<IncidentPeriodFigures>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var label = Bucket switch
            {
                "week" => $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}",
                "month" => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                _ => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            if (periods.Count == 0 || periods[^1].Period != label)
            {
                periods.Add(known.GetValueOrDefault(label) ?? new IncidentPeriodFigures(label, default, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>()));
            }
        }

        return periods;
    }

    /// <summary>The CSV of <paramref name="kind"/> (units, incidents, deliveries) for the period, as the API writes it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string kind, CancellationToken cancellationToken)
    {
        if (kind is not ("units" or "incidents" or "deliveries"))
        {
            return NotFound();
        }

        var (first, last) = Days();
        var bucket = Bucket is "week" or "month" ? Bucket : "day";
        var path = $"api/v1/analytics/{kind}?format=csv&from={Uri.EscapeDataString(Instant(first))}&to={Uri.EscapeDataString(Instant(last.AddDays(1)))}&bucket={bucket}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return StatusCode((int)response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var disposition = response.Content.Headers.ContentDisposition;
        return File(bytes, "text/csv; charset=utf-8", disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? kind + ".csv");
    }

    /// <summary>The first and last local day chosen; a missing, unreadable or reversed choice falls back to the last 30 days.</summary>
    private (DateOnly First, DateOnly Last) Days()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);
        var last = DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : today;
        var first = DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : last.AddDays(-(DefaultDays - 1));
        return first <= last ? (first, last) : (last, last);
    }

    private static string Instant(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");
        }
    }
}
