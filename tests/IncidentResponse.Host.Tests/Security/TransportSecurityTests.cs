using System.Net;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy: forwarded headers count only from configured proxies, responses over
/// TLS carry HSTS when the public address is https, and the session cookie is Secure whenever the public
/// address is https or the request came over TLS.
/// </summary>
public sealed partial class TransportSecurityTests
{
    private const string Admin = "admin@example.invalid";
    private const string Password = "Quan-tri-vien-2026!";
    private const string PublicHost = "ir.example.invalid";

    private static Dictionary<string, string> Settings(bool httpsPublicAddress, bool proxyConfigured)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = Admin,
            ["Bootstrap:AdminPassword"] = Password,
        };
        if (httpsPublicAddress)
        {
            settings["Notifications:PublicBaseUrl"] = $"https://{PublicHost}/";
        }

        if (proxyConfigured)
        {
            settings["Web:Proxy:KnownProxies:0"] = "127.0.0.1";
            settings["Web:Proxy:KnownNetworks:0"] = "10.0.0.0/8";
        }

        return settings;
    }

    [Fact]
    public async Task With_an_https_public_address_the_session_cookie_is_Secure_even_over_plain_http_and_keeps_SameSite_and_HttpOnly()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(httpsPublicAddress: true, proxyConfigured: false));

        var session = await SignInAsync(host, forwardedProto: null);

        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_that_a_configured_proxy_says_came_over_TLS_gets_a_Secure_session_cookie()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(httpsPublicAddress: false, proxyConfigured: true));

        var session = await SignInAsync(host, forwardedProto: "https");

        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(httpsPublicAddress: false, proxyConfigured: false));

        var session = await SignInAsync(host, forwardedProto: "https");

        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Responses_over_TLS_carry_HSTS_when_the_public_address_is_https()
    {
        using var data = new TempDirectory();
        await using var behindProxy = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(httpsPublicAddress: true, proxyConfigured: true));
        using var otherData = new TempDirectory();
        await using var noProxy = await TestHost.StartAsync(new EmbeddedDeployment(otherData.Path), settings: Settings(httpsPublicAddress: true, proxyConfigured: false));

        using var viaProxy = await GetAsync(behindProxy, "/login", "https", null);
        using var spoofed = await GetAsync(noProxy, "/login", "https", null);
        using var plain = await GetAsync(behindProxy, "/login", null, null);

        Assert.True(viaProxy.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS on a request the proxy forwarded from https");
        Assert.Contains("max-age=31536000", Assert.Single(hsts), StringComparison.Ordinal);
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"), "X-Forwarded-Proto believed from an unknown address");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Opens the login page and signs in as the administrator; the Set-Cookie of the session.</summary>
    private static async Task<string> SignInAsync(TestHost host, string? forwardedProto)
    {
        using var page = await GetAsync(host, "/login", forwardedProto, null);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        var cookies = string.Join("; ", SetCookies(page).Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("Input.Email", Admin), new("Input.Password", Password), new("__RequestVerificationToken", token)]),
        };
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        AddForwarded(request, forwardedProto);
        using var client = NoCookies(host);
        using var answer = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return Assert.Single(SetCookies(answer), c => c.StartsWith("ir-session=", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> GetAsync(TestHost host, string path, string? forwardedProto, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        AddForwarded(request, forwardedProto);
        using var client = NoCookies(host);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static void AddForwarded(HttpRequestMessage request, string? proto)
    {
        request.Headers.Host = PublicHost; // HSTS is never sent to localhost
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
    }

    private static HttpClient NoCookies(TestHost host) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
