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

    [GeneratedRegex("href=\"(http://[^\"]+/oncall/feed/[^\"]+/calendar.ics)\"")]
    private static partial Regex FeedLink();
}
