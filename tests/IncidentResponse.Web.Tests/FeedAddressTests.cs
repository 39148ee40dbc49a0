using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests;

/// <summary>The personal calendar address is built from the Host's public address, never from the request's Host header.</summary>
public sealed partial class FeedAddressTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task A_Host_header_chosen_by_the_client_does_not_become_the_calendar_feed_address()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var person = await host.SignedInAsync(email, password);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/oncall", UriKind.Relative));
        request.Headers.Host = "attacker.example.invalid";

        using var response = await person.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var link = new Uri(FeedLink().Match(html).Groups[1].Value);
        Assert.Equal(host.Host.BaseAddress.Authority, link.Authority);
    }

    [GeneratedRegex("href=\"(https?://[^\"]+/oncall/feed/[^\"]+/calendar.ics)\"")]
    private static partial Regex FeedLink();
}
