using System.Net;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>
/// The real embedded Host with the web role and the notifications role (which keeps the directory a responder key is checked
/// against; both read the playbooks), a bootstrap API key and a bootstrap administrator.
/// </summary>
public sealed partial class PlaybookHost : IAsyncLifetime
{
    public const string AdminKey = "playbook-tests-admin-key-0123456789abcdef";
    public const string AdminEmail = "admin@example.invalid";
    public const string AdminPassword = "Playbooks-Test-Pw!2026x";

    private readonly TempDirectory _data = new();

    public TestHost Host { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    public ApiClient Admin => new(Host.Http, AdminKey);

    public async ValueTask InitializeAsync() =>
        Host = await TestHost.StartAsync(new EmbeddedDeployment(_data.Path), roles: "web,notifications", settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = AdminKey,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Access:ApiKeyCacheDuration"] = "00:00:00",
        });

    /// <summary>A browser-like client (cookies, no redirects followed), signed in as the administrator, reading <paramref name="language"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string language = "vi")
    {
        var cookies = new CookieContainer();
        cookies.Add(Host.BaseAddress, new Cookie("ir-lang", language));
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };
        var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["__RequestVerificationToken"] = token,
        });
        using var signedIn = await client.PostAsync(new Uri("/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        _data.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
