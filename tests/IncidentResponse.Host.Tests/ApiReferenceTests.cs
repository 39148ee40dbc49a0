using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// The OpenAPI document and its interactive page (<c>/openapi/ui/</c>) are for signed-in callers only: an API
/// key, or a person's console session in a browser. A caller without either gets 401, a browser is sent to
/// sign in, and the API itself still refuses the cookie. The page's files come from the Host, not a CDN.
/// </summary>
public sealed class ApiReferenceTests
{
    private const string Key = "api-reference-test-key-0123456789abcdef";

    [Fact]
    public async Task The_document_and_its_page_need_a_key_or_a_signed_in_browser()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        using (var anonymous = await SendAsync(http, "/openapi/v1.json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var anonymousPage = await SendAsync(http, "/openapi/ui/index.html"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousPage.StatusCode);
        }

        using (var browser = await SendAsync(http, "/openapi/ui/index.html", accept: "text/html"))
        {
            Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
            Assert.StartsWith("/login?ReturnUrl=", browser.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using (var page = await SendAsync(http, "/openapi/ui/index.html", key: Key))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("swagger-ui-bundle.js", html, StringComparison.Ordinal);
            Assert.DoesNotContain("://", html.Replace("<!-- HTML for static distribution bundle build -->", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using var document = await SendAsync(http, "/openapi/v1.json", key: Key);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var scheme = json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? key = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
