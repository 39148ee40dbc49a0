using System.Net;
using System.Text;
using System.Text.Json;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>
/// Response analytics through the real flow on the embedded Host: a report engages a unit, the unit acknowledges, and the
/// API, its CSV and the console page show that unit's time to acknowledge; bad input and other units are refused or hidden.
/// </summary>
[Collection(PagesGroup.Name)]
public sealed class AnalyticsPageTests(PagesSite site)
{
    private static string Period()
    {
        var now = TimeProvider.System.GetUtcNow();
        return $"from={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}";
    }

    private async Task AcknowledgedAsync()
    {
        var (incident, _) = await site.FileIncidentAsync(isp: "VNPT");
        var engagement = await site.EngagementOfAsync(incident, PagesSite.UnitA);
        using var ack = await site.Api.PostJsonAsync($"/api/v1/engagements/{engagement}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
    }

    private static JsonElement UnitOf(JsonElement answer, string unit) =>
        answer.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == unit);

    [Fact]
    public async Task An_acknowledged_engagement_gives_its_unit_a_time_to_acknowledge_over_the_API_and_in_CSV()
    {
        await AcknowledgedAsync();

        var units = await site.Api.GetJsonAsync($"/api/v1/analytics/units?{Period()}");
        using var csv = await site.Api.SendAsync(HttpMethod.Get, $"/api/v1/analytics/units?format=csv&{Period()}");
        var bytes = await csv.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var vnpt = UnitOf(units, PagesSite.UnitA);
        Assert.True(vnpt.GetProperty("engagements").GetInt64() >= 1);
        Assert.True(vnpt.GetProperty("mttaSeconds").GetDouble() >= 0);
        Assert.True(vnpt.GetProperty("ackMedianSeconds").GetDouble() <= vnpt.GetProperty("ackP90Seconds").GetDouble());
        Assert.Equal(JsonValueKind.Number, vnpt.GetProperty("dutiesOnTime").ValueKind);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã đơn vị / Unit,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(PagesSite.UnitA + ",", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("units?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("units?from=ngay-mai", "from")]
    [InlineData("incidents?bucket=year", "bucket")]
    [InlineData("deliveries?format=xml", "format")]
    [InlineData("units?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field)
    {
        using var answer = await site.Api.SendAsync(HttpMethod.Get, "/api/v1/analytics/" + query);
        var problem = await ApiClient.ReadJsonAsync(answer);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_responder_reads_only_its_own_units_figures_whatever_unit_it_asks_for()
    {
        await AcknowledgedAsync();
        var viettel = await site.ResponderKeyAsync(PagesSite.UnitB);
        var vnpt = await site.ResponderKeyAsync(PagesSite.UnitA);

        var asViettel = await viettel.GetJsonAsync($"/api/v1/analytics/units?unit={PagesSite.UnitA}&{Period()}");
        var asVnpt = await vnpt.GetJsonAsync($"/api/v1/analytics/units?{Period()}");

        Assert.DoesNotContain(asViettel.GetProperty("items").EnumerateArray(), u => u.GetProperty("unit").GetString() != PagesSite.UnitB);
        Assert.Equal([PagesSite.UnitA], asVnpt.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
    }

    [Fact]
    public async Task The_analytics_page_shows_the_unit_table_and_three_titled_SVG_charts_and_no_inline_style()
    {
        await AcknowledgedAsync();
        using var browser = await site.SignInAsync("quan-sat");

        var page = await browser.GetAsync("/analytics");
        var csv = await browser.GetAsync("/analytics?handler=Csv&kind=incidents");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Html.IndexOf("Phân tích phản ứng", StringComparison.Ordinal) is >= 0, page.Html);
        Assert.Contains("<table class=\"table analytics-units\">", page.Html, StringComparison.Ordinal);
        Assert.Contains(PagesSite.UnitA, page.Html, StringComparison.Ordinal);
        foreach (var chart in new[] { "chart-mtta", "chart-incidents", "chart-failures" })
        {
            Assert.Contains($"<svg class=\"chart\" id=\"{chart}\"", page.Html, StringComparison.Ordinal);
            Assert.Contains($"<title id=\"{chart}-t\">", page.Html, StringComparison.Ordinal);
        }

        Assert.Contains("class=\"bar-mtta\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<small class=\"spread\">trung vị ", page.Html, StringComparison.Ordinal); // the median and p90 beside the mean
        Assert.DoesNotContain("style=", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Contains("Kỳ / Period", csv.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_responder_is_refused_the_analytics_page()
    {
        using var browser = await site.SignInAsync("vnpt-truc");

        var page = await browser.GetAsync("/analytics");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("chart-mtta", page.Html, StringComparison.Ordinal);
    }
}
