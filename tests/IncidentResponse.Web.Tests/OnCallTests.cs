using System.Net;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests;

/// <summary>The On call page: who is on call now, my shifts, the personal calendar feed.</summary>
public sealed partial class OnCallTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task The_personal_calendar_link_serves_the_feed_without_a_key_until_the_account_is_disabled()
    {
        var (id, email, password) = await host.CreateUserAsync("operator");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/oncall");
        var link = FeedLink().Match(page.Html).Groups[1].Value;
        using var anonymous = new HttpClient();
        using var feed = await anonymous.GetAsync(new Uri(link), TestContext.Current.CancellationToken);
        var calendar = await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var forged = await anonymous.GetAsync(new Uri(link.Replace("/calendar.ics", "x/calendar.ics", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        using var disable = await host.Api.PostJsonAsync($"/api/v1/users/{id}/disable", new { });
        using var afterDisable = await anonymous.GetAsync(new Uri(link), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDisable.StatusCode);
    }

    [Fact]
    public async Task An_account_without_a_directory_person_is_told_how_to_see_its_shifts()
    {
        var (_, email, password) = await host.CreateUserAsync("viewer");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/oncall");

        Assert.Contains("chưa gắn với một người trong danh bạ", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_holidays_ahead_are_the_calendar_s_each_with_its_date_kind_and_whether_it_is_announced()
    {
        var (_, email, password) = await host.CreateUserAsync("viewer");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/oncall");
        // The same span as the page read (its "today" could be another day than the test's, around midnight).
        var span = Regex.Match(page.Html, "data-span=\"([^\"]+)\"").Groups[1].Value;
        Assert.Matches("^from=\\d{4}-\\d{2}-\\d{2}&amp;to=\\d{4}-\\d{2}-\\d{2}$", span);
        var calendar = await host.Api.GetJsonAsync("/api/v1/oncall/holidays?" + WebUtility.HtmlDecode(span));
        Assert.Equal(60, DateOnly.Parse(calendar.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse(calendar.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber);

        Assert.Contains("Ngày nghỉ lễ, Tết sắp tới", page.Html, StringComparison.Ordinal);
        var days = calendar.GetProperty("days").EnumerateArray().ToList();
        var missing = calendar.GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()).ToList();
        foreach (var day in days)
        {
            var date = DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var item = Regex.Match(page.Html, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<li><time datetime=\"{date:yyyy-MM-dd}\">{date:dd/MM/yyyy}</time>.*?</li>"), RegexOptions.Singleline);
            Assert.True(item.Success, $"{date} is listed");
            Assert.Contains(day.GetProperty("nameVi").GetString()!, item.Value, StringComparison.Ordinal);
            Assert.Contains(day.GetProperty("working").GetBoolean() ? "làm việc" : "nghỉ", item.Value, StringComparison.Ordinal);
            Assert.Equal(!day.GetProperty("confirmed").GetBoolean(), item.Value.Contains("dự kiến", StringComparison.Ordinal));
        }

        Assert.Equal(days.Count, Regex.Count(page.Html, "<li><time datetime=\"\\d{4}-\\d{2}-\\d{2}\">"));
        Assert.All(missing, year => Assert.Contains($"Chưa có lịch ngày nghỉ năm {year}", page.Html, StringComparison.Ordinal));
        Assert.Equal(days.Count == 0, page.Html.Contains("Không có ngày nghỉ lễ nào.", StringComparison.Ordinal));
    }

    [GeneratedRegex("href=\"(http://[^\"]+/oncall/feed/[^\"]+/calendar.ics)\"")]
    private static partial Regex FeedLink();
}
