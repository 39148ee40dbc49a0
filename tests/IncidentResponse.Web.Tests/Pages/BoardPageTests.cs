using System.Globalization;
using System.Net;
using System.Text;
using IncidentResponse.Web.Board;
using IncidentResponse.Web.Pages.Board;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>The board and its live event stream through the real pipeline.</summary>
[Collection(PagesGroup.Name)]
public sealed class BoardPageTests(PagesSite site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_board_shows_a_filed_incident_with_its_severity_in_words_and_its_unacknowledged_unit()
    {
        var (incidentId, number) = await site.FileIncidentAsync();
        await site.EngagementsAsync(incidentId); // routing engages the unit a moment after triage
        using var browser = await site.SignInAsync("dieu-hanh");

        var board = await browser.GetAsync("/");
        var fragment = await browser.GetAsync("/?handler=fragment");

        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Contains(number, board.Html, StringComparison.Ordinal);
        Assert.Matches("class=\"sev sev-[0-5]\">Mức [0-5] · ", board.Html);
        Assert.Contains(PagesSite.UnitA, board.Html, StringComparison.Ordinal);
        Assert.Contains("<small>Tấn công từ chối dịch vụ (DDoS) · phát hiện", WebUtility.HtmlDecode(board.Html), StringComparison.Ordinal); // named, not coded
        Assert.Contains("data-events=\"/board/events\"", board.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment.Html, StringComparison.Ordinal);
        Assert.Contains(number, fragment.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_refetching_together_share_one_read_but_a_later_change_is_always_read_afresh()
    {
        await site.FileIncidentAsync();
        var share = site.Host.Services.GetRequiredService<BoardShare<BoardModel>>();
        using var first = await site.SignInAsync("quan-sat");
        using var second = await site.SignInAsync("quan-sat");

        // Ten refetches at once, for a change heard before them: one read (or a few, on a slow machine), not ten.
        var heard = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture));
        var before = share.Reads;
        var pages = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).GetAsync($"/?handler=fragment&after={heard}")));
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.InRange(share.Reads - before, 1, 3);

        // A change this Host heard after every read so far: each refetch for it reads again.
        var later = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(1).ToString("O", CultureInfo.InvariantCulture));
        before = share.Reads;
        await first.GetAsync($"/?handler=fragment&after={later}");
        await second.GetAsync($"/?handler=fragment&after={later}");
        Assert.Equal(2, share.Reads - before);
    }

    [Fact]
    public async Task The_event_stream_says_changed_when_an_incident_is_triaged()
    {
        using var browser = await site.SignInAsync("quan-sat");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/board/events", UriKind.Relative));
        using var response = await browser.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(Cancel);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal("retry: 5000", await reader.ReadLineAsync(Cancel));

        var (incidentId, _) = await site.FileIncidentAsync();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (!seen.ToString().Contains(incidentId.ToString(), StringComparison.Ordinal) || !seen.ToString().Contains("incident-triaged", StringComparison.Ordinal))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended: " + seen);
            seen.AppendLine(line);
        }

        Assert.Contains("event: changed", seen.ToString(), StringComparison.Ordinal);
        Assert.Contains("incident-triaged", seen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_confirming_triage_s_level_tells_open_boards_at_once()
    {
        var (incidentId, _) = await site.FileIncidentAsync();
        await Eventually.MatchesAsync(
            async () => (await site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/engagements")).EnumerateArray()
                .SelectMany(e => e.GetProperty("deliveries").EnumerateArray()).Select(d => d.GetProperty("attempts").GetInt32()).ToList(),
            attempts => attempts.Count > 0 && attempts.All(a => a > 0), TimeSpan.FromSeconds(30), "the incident settled");
        var level = (await site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}")).GetProperty("severity").GetProperty("level").GetInt32();
        using var browser = await site.SignInAsync("quan-sat");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/board/events", UriKind.Relative));
        using var response = await browser.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var stream = await response.Content.ReadAsStreamAsync(Cancel);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal("retry: 5000", await reader.ReadLineAsync(Cancel));

        // The same level confirmed (the board's "undetermined" badge depends on it): before, no event, the badge until a refresh.
        using var confirmed = await site.Api.PostJsonAsync($"/api/v1/incidents/{incidentId}/severity", new { level, reason = "Chủ quản xác nhận" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended: " + seen);
            seen.AppendLine(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = System.Text.Json.JsonDocument.Parse(line["data: ".Length..]);
                if (data.RootElement.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "incident-triaged")
                    && data.RootElement.GetProperty("incidents").EnumerateArray().Any(i => i.GetGuid() == incidentId))
                {
                    break;
                }
            }
        }
    }

    [Fact]
    public async Task The_event_stream_is_for_signed_in_readers_only_and_keeps_alive_with_heartbeats()
    {
        using var anonymous = new ConsoleBrowser(site.Host.BaseAddress);
        var refused = await anonymous.GetAsync("/board/events");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/login?ReturnUrl=", refused.Location?.OriginalString, StringComparison.Ordinal);
        using var apiKey = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Host.BaseAddress, "/board/events"));
        apiKey.Headers.Authorization = new("Bearer", PagesSite.AdminKey);
        using var byKey = await site.Host.Http.SendAsync(apiKey, Cancel);
        Assert.NotEqual("text/event-stream", byKey.Content.Headers.ContentType?.MediaType); // an API key is no page login: sent to /login

        using var browser = await site.SignInAsync("dieu-hanh");
        using var response = await browser.Http.GetAsync(new Uri("/board/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var stream = await response.Content.ReadAsStreamAsync(Cancel);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != ": heartbeat");

        Assert.Equal(": heartbeat", line);
    }
}
