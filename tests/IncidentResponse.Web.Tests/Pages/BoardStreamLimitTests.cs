using System.Net;
using System.Text;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>A Host whose board streams are capped at two per person and re-checked every second.</summary>
public sealed class BoardStreamSite : IAsyncLifetime
{
    public const string AdminKey = "board-streams-coordinator-key-0123456789";
    public const string Password = "mat-khau-thu-nghiem-2026";

    private readonly TempDirectory data = new();

    public TestHost Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = AdminKey,
            ["Access:ApiKeyCacheDuration"] = "00:00:00",
            ["Web:Board:Heartbeat"] = "00:00:01",
            ["Web:Board:MaxStreamsPerPerson"] = "2",
            ["Web:Board:Reauthorize"] = "00:00:01",
        });
        Api = new ApiClient(Host.Http, AdminKey);
    }

    /// <summary>A viewer's account, made through the users API; returns its id.</summary>
    public async Task<Guid> CreateViewerAsync(string userName)
    {
        using var created = await Api.PostJsonAsync("/api/v1/users",
            new { email = $"{userName}@example.invalid", userName, displayName = userName, role = "viewer", password = Password, mustChangePassword = false });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await ApiClient.ReadJsonAsync(created);
        return (body.TryGetProperty("user", out var user) ? user : body).GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        data.Dispose();
    }
}

/// <summary>Board event streams: capped per person, and a disabled account's open stream ends (issue 26 item 3, review L8).</summary>
public sealed class BoardStreamLimitTests(BoardStreamSite site) : IClassFixture<BoardStreamSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> OpenAsync(ConsoleBrowser browser) =>
        await browser.Http.GetAsync(new Uri("/board/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);

    [Fact]
    public async Task A_person_holds_at_most_the_configured_streams_and_a_closed_one_frees_its_place()
    {
        await site.CreateViewerAsync("xem-nhieu");
        using var browser = new ConsoleBrowser(site.Host.BaseAddress);
        await browser.LoginAsync("xem-nhieu", BoardStreamSite.Password);

        var first = await OpenAsync(browser);
        using var second = await OpenAsync(browser);
        using (var third = await OpenAsync(browser))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(third.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        first.Dispose();
        await Eventually.MatchesAsync(async () =>
        {
            using var again = await OpenAsync(browser);
            return again.StatusCode;
        }, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a place freed by the closed stream");
    }

    [Fact]
    public async Task An_open_stream_ends_when_its_account_is_disabled()
    {
        var id = await site.CreateViewerAsync("xem-roi-nghi");
        using var browser = new ConsoleBrowser(site.Host.BaseAddress);
        await browser.LoginAsync("xem-roi-nghi", BoardStreamSite.Password);
        using var response = await OpenAsync(browser);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Cancel);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal("retry: 5000", await reader.ReadLineAsync(Cancel));

        using (var disable = await site.Api.PostJsonAsync($"/api/v1/users/{id}/disable", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var seen = new StringBuilder();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
        }

        Assert.Contains("event: ended", seen.ToString(), StringComparison.Ordinal); // and it ended by itself, before the timeout
    }
}
