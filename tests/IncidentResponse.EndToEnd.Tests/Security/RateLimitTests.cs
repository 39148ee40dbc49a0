using System.Net;
using IncidentResponse.Testing;
using static IncidentResponse.EndToEnd.Tests.Security.MachineDoors;

namespace IncidentResponse.EndToEnd.Tests.Security;

/// <summary>Small door limits, so that a test reaches them in a few requests; wrong credentials are not what stops it here.</summary>
public sealed class SmallDoorLimitsFixture : EmbeddedHostFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["RateLimits:FailedCredentialsPerAddress"] = "1000",
            ["RateLimits:AckPerAddress"] = "5",
            ["RateLimits:CalendarFeedPerAddress"] = "5",
            ["RateLimits:EventsPerAddress"] = "8",
            ["RateLimits:HeartbeatPerKey"] = "3",
            ["RateLimits:SmsInboundPerKey"] = "3",
        });
}

/// <summary>
/// Rate limits on the doors (issue 26 item 3, review M4): 429 with <c>Retry-After</c> and a bilingual
/// problem, per address and per credential, sized so that an alert storm still goes through.
/// </summary>
public sealed class RateLimitTests(SmallDoorLimitsFixture fixture) : IClassFixture<SmallDoorLimitsFixture>
{
    private ApiClient Api => fixture.Api;

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.StartsWith("Quá nhiều yêu cầu / Too many requests", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Sends until the door answers 429 (then returns that answer) or <paramref name="max"/> requests were sent (then fails).</summary>
    private static async Task<(HttpResponseMessage Refused, int Sent)> UntilRefusedAsync(Func<Task<HttpResponseMessage>> send, int max)
    {
        for (var sent = 1; sent <= max; sent++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, sent);
            }

            response.Dispose();
        }

        Assert.Fail($"no 429 within {max} requests");
        return default;
    }

    [Fact]
    public async Task Acknowledgement_links_and_calendar_feeds_are_limited_per_address()
    {
        var anonymous = Api.WithKey(null);
        var (ack, ackSent) = await UntilRefusedAsync(() => anonymous.SendAsync(HttpMethod.Get, "/ack/" + Guid.NewGuid().ToString("N")), 20);
        using (ack)
        {
            await AssertTooManyAsync(ack);
        }

        Assert.Equal(6, ackSent);
        var (feed, feedSent) = await UntilRefusedAsync(() => anonymous.SendAsync(HttpMethod.Get, $"/oncall/feed/{Guid.NewGuid():N}/calendar.ics"), 20);
        using (feed)
        {
            await AssertTooManyAsync(feed);
        }

        Assert.Equal(6, feedSent);
    }

    [Fact]
    public async Task The_events_door_counts_per_address_before_it_reads_the_body_or_looks_up_the_key()
    {
        var key = await Api.IssueIntegrationKeyAsync("flood " + Guid.NewGuid().ToString("N")[..8]);
        var (refused, sent) = await UntilRefusedAsync(
            () => Api.WithKey(null).PostRawAsync("/v2/enqueue", MachineIntakeClient.Event(key, "trigger", "flood-" + Guid.NewGuid().ToString("N"), "Ngập lụt sự kiện")), 30);
        using (refused)
        {
            await AssertTooManyAsync(refused);
        }

        Assert.True(sent <= 9, $"refused only after {sent}"); // the key's own bucket (Intake:Machine:EventsPerMinute = 20) is not what refused it
    }

    [Fact]
    public async Task Heartbeat_pings_and_sms_replies_are_limited_per_key()
    {
        var name = "rl-" + Guid.NewGuid().ToString("N")[..12];
        var heartbeatKey = await Api.IssueIntegrationKeyAsync("hb " + name, "heartbeat");
        var integrationId = (await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "hb " + name).GetProperty("id").GetGuid();
        using (var define = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 3600 }))
        {
            Assert.Equal(HttpStatusCode.OK, define.StatusCode);
        }

        var (ping, pings) = await UntilRefusedAsync(() => Api.WithKey(heartbeatKey).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }), 10);
        using (ping)
        {
            await AssertTooManyAsync(ping);
        }

        Assert.Equal(4, pings);

        var gateway = await Api.KeyAsync("sms-gateway");
        var (sms, replies) = await UntilRefusedAsync(() => gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000000", text = "OK ZZZZ2345" }), 10);
        using (sms)
        {
            await AssertTooManyAsync(sms);
        }

        Assert.Equal(4, replies);
        var otherGateway = await Api.KeyAsync("sms-gateway");
        using var other = await otherGateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000000", text = "OK ZZZZ2345" });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // another key has its own bucket
    }

    [Fact]
    public async Task An_alertmanager_storm_of_300_posts_in_a_minute_from_one_key_is_accepted()
    {
        var key = await Api.IssueIntegrationKeyAsync("storm " + Guid.NewGuid().ToString("N")[..8], "alertmanager");
        var alertmanager = Api.WithKey(key);
        var groups = Enumerable.Range(0, 3).Select(i => $"storm-{Guid.NewGuid():N}-{i}").ToList();
        var refused = 0;
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < 300; i++)
        {
            using var response = await alertmanager.PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload(groups[i % 3], 1 + (i % 5)));
            refused += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(1), "the storm took more than a minute: not a storm");
        Assert.Equal(0, refused);
    }
}

/// <summary>A Host that lets one address present few wrong credentials.</summary>
public sealed class FewWrongCredentialsFixture : EmbeddedHostFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["RateLimits:FailedCredentialsPerAddress"] = "10" });
}

/// <summary>Guessing: an address that keeps presenting wrong keys is refused at every door, while valid keys keep working elsewhere.</summary>
public sealed class GuessingTests(FewWrongCredentialsFixture fixture) : IClassFixture<FewWrongCredentialsFixture>
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Forty_bad_key_events_from_one_client_meet_a_429_and_then_every_door_refuses_that_client()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await Api.WithKey(null).PostRawAsync("/v2/enqueue",
                """{"routing_key":"0000000000000000000000000000dead","event_action":"trigger","payload":{"summary":"x","source":"x","severity":"error"}}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                await ProblemAsync(response, HttpStatusCode.TooManyRequests);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.IndexOf(HttpStatusCode.TooManyRequests) <= 11, string.Join(",", statuses.Select(s => (int)s)));
        using (var ack = await Api.WithKey(null).SendAsync(HttpMethod.Get, "/ack/" + Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, ack.StatusCode);
        }

        using (var unknownBearer = await Api.WithKey("ir_" + new string('x', 43)).PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload("g")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, unknownBearer.StatusCode);
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await Api.GetJsonAsync("/api/v1/incidents")).ValueKind); // the coordinator's valid key still works
    }
}
