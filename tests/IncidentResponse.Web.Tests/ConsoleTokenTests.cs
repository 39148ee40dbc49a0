using System.Net;
using System.Security.Claims;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.Access.People;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests;

/// <summary>The console token (<c>Bearer ct.…</c>): accepted like an API key of the person's role, refused when altered, expired or stale.</summary>
public sealed class ConsoleTokenTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task A_coordinators_console_token_is_accepted_and_an_altered_or_expired_one_is_not()
    {
        var token = await host.ConsoleTokenAsync(AdminBootstrapper.BootstrapUserId);
        var expired = await host.ConsoleTokenAsync(AdminBootstrapper.BootstrapUserId, TimeProvider.System.GetUtcNow().AddSeconds(-1));
        var altered = token[..^6] + (token[^6] == 'A' ? 'B' : 'A') + token[^5..];

        Assert.Equal(HttpStatusCode.OK, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/api-keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await host.CallWithTokenAsync(altered, HttpMethod.Get, "/api/v1/api-keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await host.CallWithTokenAsync(expired, HttpMethod.Get, "/api/v1/api-keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, await host.CallWithTokenAsync("ct.not-a-token-at-all", HttpMethod.Get, "/api/v1/api-keys"));
    }

    [Fact]
    public async Task A_responders_console_token_is_scoped_like_a_responder_API_key_of_the_same_unit()
    {
        var (id, _, _) = await host.CreateUserAsync("responder", unit: "vnpt-bn");
        var token = await host.ConsoleTokenAsync(id);
        using var issued = await host.Api.PostJsonAsync("/api/v1/api-keys", new { name = "responder key", role = "responder", unit = "vnpt-bn" });
        var key = (await Testing.ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString()!;
        var engagement = Guid.NewGuid();
        (HttpMethod Method, string Path, object? Body)[] calls =
        [
            (HttpMethod.Get, "/api/v1/incidents", null),
            (HttpMethod.Post, "/api/v1/reports", new { title = "x" }),
            (HttpMethod.Get, "/api/v1/api-keys", null),
            (HttpMethod.Get, "/api/v1/users", null),
            (HttpMethod.Get, "/api/v1/oncall?unit=vnpt-bn", null),
            (HttpMethod.Get, $"/api/v1/engagements/{engagement}", null),
            (HttpMethod.Post, $"/api/v1/engagements/{engagement}/acknowledge", new { }),
        ];

        foreach (var (method, path, body) in calls)
        {
            var withToken = await host.CallWithTokenAsync(token, method, path, body);
            var withKey = await host.CallWithTokenAsync(key, method, path, body);
            Assert.True(withKey == withToken, $"{method} {path}: key {withKey}, console token {withToken}");
            Assert.NotEqual(HttpStatusCode.Unauthorized, withToken);
        }

        await using var scope = host.Host.Services.CreateAsyncScope();
        var (user, _) = await scope.ServiceProvider.GetRequiredService<ConsoleTokenService>().ValidateAsync(token, "test", TestContext.Current.CancellationToken);
        Assert.NotNull(user);
        Assert.Equal("responder", user.FindFirstValue(ClaimTypes.Role));
        Assert.Equal("vnpt-bn", user.FindFirstValue("ir:unit"));
        Assert.Equal("web", user.FindFirstValue("ir:channel"));
        Assert.Equal($"user:{id:N}", user.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public async Task A_token_issued_before_a_role_change_stops_working()
    {
        var (id, _, _) = await host.CreateUserAsync("operator");
        var token = await host.ConsoleTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/incidents"));

        using var changed = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Hạ quyền", role = "viewer" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await host.CallWithTokenAsync(token, HttpMethod.Get, "/api/v1/incidents"));
        var fresh = await host.ConsoleTokenAsync(id);
        Assert.Equal(HttpStatusCode.Forbidden, await host.CallWithTokenAsync(fresh, HttpMethod.Post, "/api/v1/reports", new { title = "x" }));
    }

    [Fact]
    public async Task The_console_calls_the_API_as_the_signed_in_person()
    {
        // The on-call page reads units and who is on call through ConsoleApi with the person's token.
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);

        var page = await admin.GetAsync("/oncall");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Đang trực", page.Html, StringComparison.Ordinal);
        Assert.Contains("vnpt-bn", page.Html, StringComparison.Ordinal);
    }
}
