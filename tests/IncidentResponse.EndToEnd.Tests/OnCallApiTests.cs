using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>Who is on call, the iCal feed and coverage gaps, through the public API (schedules are files: one deployment suffices).</summary>
public sealed class OnCallApiTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task The_on_call_person_of_a_unit_follows_its_weekly_rotation()
    {
        var answer = await Api.GetJsonAsync("/api/v1/oncall?unit=vnpt-bn&at=2026-11-25T10:00:00%2B07:00");

        Assert.Equal("vnpt-pham-minh-duc", answer.GetProperty("personId").GetString());
        Assert.Equal("2026.1", answer.GetProperty("scheduleVersion").GetString());
        Assert.StartsWith("layer:", answer.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_without_a_schedule_answers_that_its_duty_point_is_used()
    {
        var answer = await Api.GetJsonAsync("/api/v1/oncall?unit=a05");

        Assert.Equal("no-schedule", answer.GetProperty("source").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("personId").ValueKind);
    }

    [Fact]
    public async Task Asking_without_a_unit_or_without_a_key_is_refused()
    {
        using var noUnit = await Api.SendAsync(HttpMethod.Get, "/api/v1/oncall");
        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.Contains("unit", await noUnit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var anonymous = await Api.WithKey(null).SendAsync(HttpMethod.Get, "/api/v1/oncall?unit=vnpt-bn");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Each_schedule_has_an_iCal_feed_and_gaps_ahead_are_listed()
    {
        using var feed = await Api.SendAsync(HttpMethod.Get, "/api/v1/oncall/bcd-bn/calendar.ics?days=14");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.True(text.Split("BEGIN:VEVENT").Length > 14, "two weeks of a weekly day layer and a nightly layer have more than 14 shifts");

        using var unknown = await Api.SendAsync(HttpMethod.Get, "/api/v1/oncall/a05/calendar.ics");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var gaps = await Api.GetJsonAsync("/api/v1/oncall/gaps");
        Assert.Equal(System.Text.Json.JsonValueKind.Array, gaps.ValueKind);
        Assert.Equal(0, gaps.GetArrayLength()); // the shipped rotations cover every hour from 5/1/2026 on
    }

    [Fact]
    public async Task The_holiday_calendar_lists_a_year_s_days_off_and_says_which_years_it_does_not_know()
    {
        var year = await Api.GetJsonAsync("/api/v1/oncall/holidays?from=2027-01-01&to=2027-12-31");
        var days = year.GetProperty("days").EnumerateArray().ToList();

        Assert.True(days.Count >= 14, $"{days.Count} days listed");
        Assert.Equal(days.Count, days.Select(d => d.GetProperty("date").GetString()).Distinct().Count());
        Assert.All(days, d => Assert.Equal(d.GetProperty("kind").GetString() == "working", d.GetProperty("working").GetBoolean()));
        Assert.All(days, d => Assert.StartsWith("2027.", d.GetProperty("version").GetString(), StringComparison.Ordinal));
        var tet = days.Single(d => d.GetProperty("date").GetString() == "2027-02-06");
        Assert.Equal("holiday", tet.GetProperty("kind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.False, days.Single(d => d.GetProperty("date").GetString() == "2027-01-01").GetProperty("working").ValueKind);
        Assert.StartsWith("Tết Nguyên đán", tet.GetProperty("nameVi").GetString(), StringComparison.Ordinal);
        Assert.Equal("day-off", days.Single(d => d.GetProperty("date").GetString() == "2027-05-03").GetProperty("kind").GetString());
        Assert.Equal(0, year.GetProperty("yearsWithoutCalendar").GetArrayLength());

        var later = await Api.GetJsonAsync("/api/v1/oncall/holidays?from=2099-12-30&to=2100-01-05");
        Assert.Equal(0, later.GetProperty("days").GetArrayLength());
        Assert.Equal([2099, 2100], later.GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Theory]
    [InlineData("from=2027-13-01", "from")]
    [InlineData("from=01/02/2027", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2027-02-01&to=2027-01-31", "to")]
    [InlineData("from=2027-01-01&to=2028-01-02", "to")] // 367 days, both ends counted
    [InlineData("from=9999-12-01", "from")]
    [InlineData("from=1999-12-31", "from")]
    [InlineData("to=2201-01-01", "to")]
    public async Task A_holiday_span_that_cannot_be_read_is_refused_naming_its_field(string query, string field)
    {
        using var answer = await Api.SendAsync(HttpMethod.Get, "/api/v1/oncall/holidays?" + query);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }
}
