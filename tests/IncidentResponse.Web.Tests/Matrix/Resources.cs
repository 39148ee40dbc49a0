using System.Text.Json;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>
/// What the doors' route parameters are filled with: on reads, a real incident routed to the responder's unit
/// (so that unit scoping shows); on writes, unknown ids, so that an open door answers 404 and changes nothing.
/// </summary>
internal sealed partial record Resources(Guid Incident, Guid Report, Guid Engagement, Guid Delivery, string Unit)
{
    public static async Task<Resources> FileAsync(ConsoleHostFixture site, string unit, string isp)
    {
        var reportId = await site.Api.SubmitReportAsync(SampleReports.Ddos("Cổng ma trận " + TestNames.Unique("matrix"), isp: isp));
        var incident = (await site.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        var engagements = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements"),
            e => e.EnumerateArray().Any(x => x.GetProperty("unit").GetString() == unit), TimeSpan.FromSeconds(30), "engaged " + unit);
        var engagement = engagements.EnumerateArray().First(x => x.GetProperty("unit").GetString() == unit).GetProperty("id").GetGuid();
        var deliveries = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries?incident={incident}"),
            d => Items(d).Any(), TimeSpan.FromSeconds(30), "a delivery");
        return new Resources(incident, reportId, engagement, Items(deliveries).First().GetProperty("id").GetGuid(), unit);
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        page.ValueKind == JsonValueKind.Array ? page.EnumerateArray() : page.GetProperty("items").EnumerateArray();

    /// <summary>The path that knocks at <paramref name="pattern"/> with <paramref name="method"/>.</summary>
    public string PathOf(string method, string pattern)
    {
        var read = method == "GET";
        var unknown = Guid.NewGuid().ToString();
        return Parameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "id" when !read => unknown,
            "id" when pattern.Contains("/engagements/", StringComparison.Ordinal) => Engagement.ToString(),
            "id" when pattern.Contains("/deliveries/", StringComparison.Ordinal) => Delivery.ToString(),
            "id" when pattern.Contains("/reports/", StringComparison.Ordinal) => Report.ToString(),
            "id" when pattern.Contains("incidents/", StringComparison.Ordinal) => Incident.ToString(),
            "incidentId" => Incident.ToString(),
            "code" or "unit" => Unit,
            "form" => "mau-03",
            "slug" => "ddos",
            "name" when pattern.StartsWith("/console/", StringComparison.Ordinal) => "console.css",
            "name" => "ma-tran",
            "documentName" => "v1",
            "file" => "index.html",
            "token" => "khong-hop-le",
            "dutyId" => "initial-report",
            "kind" => "mau-99", // no such periodic report: a write is judged (404) without recording anything
            "year" => "2031",
            _ => unknown,
        }).TrimEnd('/') is { Length: > 0 } path ? path : "/";
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z]+)(?::[a-z]+)?\}")]
    private static partial Regex Parameter();
}
