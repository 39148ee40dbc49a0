using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests;

/// <summary>One embedded Host (SQLite, in-memory bus) with a configured bootstrap administrator and API key.</summary>
public class ConsoleHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.invalid";
    public const string AdminPassword = "Quan-tri-vien-2026!";
    public const string ApiKey = "web-tests-bootstrap-key-0123456789";

    private readonly TempDirectory data = new();

    public TestHost Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Access:ApiKeyCacheDuration"] = "00:00:00",
            ["Access:SignIn:AttemptsPerAddress"] = "1000", // every test signs in from 127.0.0.1
            ["Web:Board:MaintenanceTimeout"] = "00:00:30", // a busy test machine must not drop the banner a test looks for
        }.Concat(Settings).ToDictionary());
        Api = new ApiClient(Host.Http, ApiKey);
    }

    /// <summary>Settings a derived fixture adds to (or changes from) the ones above.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public ConsoleBrowser Browser() => new(Host.BaseAddress);

    public async Task<ConsoleBrowser> SignedInAsync(string login, string password)
    {
        var browser = Browser();
        var answer = await browser.LoginAsync(login, password);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        return browser;
    }

    /// <summary>Creates a person's account through the API; its id and password.</summary>
    public async Task<(Guid Id, string Email, string Password)> CreateUserAsync(string role, string? unit = null, string? personId = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.invalid";
        var password = "Mat-khau-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await Api.PostJsonAsync("/api/v1/users", new { email, displayName = "Người thử " + role, role, unit, personId, password, mustChangePassword = false });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("user").GetProperty("id").GetGuid();
        return (id, email, password);
    }

    /// <summary>A console token for an account, as the console would issue it (or with another expiry).</summary>
    public async Task<string> ConsoleTokenAsync(Guid userId, DateTimeOffset? expiresAt = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("no user " + userId);
        var tokens = scope.ServiceProvider.GetRequiredService<ConsoleTokenService>();
        return tokens.Issue(userId, user.SecurityStamp!, expiresAt ?? TimeProvider.System.GetUtcNow().AddMinutes(5));
    }

    public async Task<HttpStatusCode> CallWithTokenAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Host.Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<List<JsonElement>> AuditAsync()
    {
        var page = await Api.GetJsonAsync("/api/v1/audit?pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        data.Dispose();
        GC.SuppressFinalize(this);
    }
}
