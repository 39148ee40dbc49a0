using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>
/// <c>/health/ready</c> answers everyone with the statuses; its reasons and figures (they name internal hosts and
/// addresses) go only to callers on the Host's machine and to coordinators, operators, viewers and metrics keys
/// (review L: "health returns exception messages to anonymous callers").
/// </summary>
public sealed class HealthDetailsTests
{
    private const string CoordinatorKey = "health-details-coordinator-key-0123456789";

    [Fact]
    public async Task Remote_callers_get_statuses_only_and_a_coordinator_or_this_machine_gets_the_reasons()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = CoordinatorKey,
            ["Web:Proxy:KnownProxies:0"] = "127.0.0.1", // the test's client is the trusted proxy; X-Forwarded-For names the caller
        });

        // Checks finishing at start-up (the rules against the directory) change their words between two reads: compare the
        // coordinator's read with this machine's reads on either side of it once those agree.
        var (local, remoteCoordinator) = (await ReadyAsync(host, forwardedFor: null, key: null), default((HttpStatusCode Status, Dictionary<string, string> Statuses, List<string> Details)));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            remoteCoordinator = await ReadyAsync(host, forwardedFor: "203.0.113.9", key: CoordinatorKey);
            var after = await ReadyAsync(host, forwardedFor: null, key: null);
            if (after.Details.SequenceEqual(local.Details, StringComparer.Ordinal))
            {
                break;
            }

            local = after;
            await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }

        var remote = await ReadyAsync(host, forwardedFor: "203.0.113.9", key: null);
        var remoteWrongKey = await ReadyAsync(host, forwardedFor: "203.0.113.9", key: "ir_not-a-key-of-this-host-0123456789");

        Assert.Equal(HttpStatusCode.OK, remote.Status);
        Assert.Equal(local.Statuses, remote.Statuses); // probes behind a proxy still read every status
        Assert.Contains(local.Details, d => d.Length > 0); // something to hide: the healthy checks have descriptions or data
        Assert.All(remote.Details, d => Assert.Equal("", d));
        Assert.Equal(local.Details, remoteCoordinator.Details);
        Assert.All(remoteWrongKey.Details, d => Assert.Equal("", d));
    }

    [Fact]
    public async Task A_proxy_on_this_machine_that_is_not_trusted_does_not_count_as_this_machine()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = CoordinatorKey,
        });

        var proxied = await ReadyAsync(host, forwardedFor: "203.0.113.9", key: null);

        Assert.Equal(HttpStatusCode.OK, proxied.Status);
        Assert.All(proxied.Details, d => Assert.Equal("", d));
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Statuses, List<string> Details)> ReadyAsync(
        TestHost host, string? forwardedFor, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/ready", UriKind.Relative));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToList();
        return (response.StatusCode,
            checks.ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString()!),
            [.. checks.Select(c => (c.Value.TryGetProperty("description", out var d) ? d.GetString() : "") + (c.Value.TryGetProperty("data", out var x) ? x.GetRawText() : ""))]);
    }
}
