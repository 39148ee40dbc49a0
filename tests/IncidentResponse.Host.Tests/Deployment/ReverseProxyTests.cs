using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// The shipped nginx configuration (<c>infra/proxy</c>) in front of a Host, over TLS with a self-signed
/// certificate for a public name: a person signs in to the console, a partner opens and confirms an acknowledgement link
/// whose address the Host built from its https public address, and a monitoring tool posts to
/// <c>/v2/enqueue</c>, each only through the proxy.
/// </summary>
public sealed partial class ReverseProxyTests
{
    private const string Admin = "admin@example.invalid";
    private const string Password = "Quan-tri-vien-2026!";
    private const string ApiKey = "proxy-test-coordinator-key-0123456789";

    [Fact]
    public async Task Through_nginx_over_TLS_the_console_signs_in_acknowledgement_links_work_and_events_are_accepted()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var port = NginxProxy.ChoosePort();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Notifications:PublicBaseUrl"] = NginxProxy.PublicAddress(port).ToString(),
            ["Web:Proxy:KnownProxies:0"] = "127.0.0.1",
            ["Bootstrap:AdminEmail"] = Admin,
            ["Bootstrap:AdminPassword"] = Password,
            ["Bootstrap:ApiKey"] = ApiKey,
        });
        await using var proxy = await NginxProxy.StartAsync(port, host.BaseAddress);
        using var https = proxy.Client();

        // The console: the login form, the sign-in, the board, all over TLS; the Host knows it (HSTS, Secure).
        var session = await SignInAsync(https, cancel);
        using (var board = await GetAsync(https, "/", session, cancel))
        {
            Assert.True(board.StatusCode == HttpStatusCode.OK, $"board: {(int)board.StatusCode}\n{proxy.Output}");
            Assert.Equal(HttpVersion.Version20, board.Version);
            Assert.True(board.Headers.Contains("Strict-Transport-Security"), "the Host did not believe the proxy's X-Forwarded-Proto");
        }

        // A report through the proxy: its notices carry https links to the proxy's address.
        var api = new ApiClient(https, ApiKey);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng qua TLS")));
        var number = incident.GetProperty("number").GetString()!;
        var link = await Eventually.MatchesAsync(() => Task.FromResult(AckLinks(data.Path, number)), l => l.Count > 0, TimeSpan.FromSeconds(30), "a notice with an acknowledgement link");
        Assert.StartsWith($"{NginxProxy.PublicAddress(port)}ack/", link[0], StringComparison.Ordinal);
        var path = new Uri(link[0]).PathAndQuery;
        using (var page = await GetAsync(https, path, null, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("method=\"post\"", await page.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        }

        using (var confirmed = await https.PostAsync(new Uri(path, UriKind.Relative), null, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var engagements = await api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/engagements");
        Assert.Contains(engagements.EnumerateArray(), e => e.GetProperty("acknowledgedVia").GetString() == "link");

        // The PagerDuty-compatible Events API through the proxy.
        var routingKey = await api.IssueIntegrationKeyAsync("monitoring behind TLS");
        using var enqueue = await https.PostAsync(new Uri("/v2/enqueue", UriKind.Relative),
            new StringContent(MachineIntakeClient.Event(routingKey, "trigger", dedupKey: "tls-disk-full", summary: "Ổ đĩa đầy qua TLS"), Encoding.UTF8, "application/json"), cancel);
        var answer = await enqueue.Content.ReadAsStringAsync(cancel);
        Assert.True(enqueue.StatusCode == HttpStatusCode.Accepted, $"{(int)enqueue.StatusCode} {answer}");
        Assert.Contains("\"dedup_key\":\"tls-disk-full\"", answer.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await api.WaitForIncidentsAsync("Ổ đĩa đầy qua TLS", i => i.Count == 1, "the event's incident");
    }

    private static async Task<string> SignInAsync(HttpClient https, CancellationToken cancel)
    {
        using var form = await GetAsync(https, "/login", null, cancel);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(cancel);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        var cookies = string.Join("; ", SetCookies(form).Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("Input.Email", Admin), new("Input.Password", Password), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookies);
        using var signedIn = await https.SendAsync(request, cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(SetCookies(signedIn), c => c.StartsWith("ir-session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        return session.Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient https, string path, string? cookies, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Version = HttpVersion.Version20 };
        request.Headers.Accept.ParseAdd("text/html");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await https.SendAsync(request, cancel);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>The acknowledgement links in the e-mails written so far about one incident.</summary>
    private static List<string> AckLinks(string dataDirectory, string number)
    {
        var pickup = Path.Combine(dataDirectory, "mail-pickup");
        return !Directory.Exists(pickup) ? [] :
        [
            .. Directory.EnumerateFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f))
                .Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal))
                // An engagement's notice: a legal deadline alert (due at once for a report detected days ago) has a link of its own.
                .Where(m => !(m.TextBody ?? "").Contains("CẢNH BÁO THỜI HẠN BÁO CÁO THEO QUY ĐỊNH", StringComparison.Ordinal))
                .Select(m => AckLink().Match(m.TextBody ?? "").Value)
                .Where(l => l.Length > 0),
        ];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"https?://\S+/ack/[A-Za-z0-9._-]+")]
    private static partial Regex AckLink();
}
