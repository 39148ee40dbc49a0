using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>
/// Zalo end to end against an OpenAPI and OAuth stand-in: OA messages to a follower and ZNS template messages to a phone,
/// the access token refreshed with a refresh token that works once, Zalo's error codes sorted into transient and
/// permanent, and acknowledgement by the follower's reply (the signed OA webhook) and by the link in the message.
/// </summary>
public abstract class ZaloAcknowledgementTests
{
    private const string AppId = "4312345678901234567";
    private const string AppSecret = "zalo-app-secret";
    private const string OaId = "579745863508352884";
    private const string OaSecret = "zalo-oa-secret-key";
    private const string Follower = "2512523625412515";
    private const string Phone = "+84912345678";

    protected abstract Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Zalo as documented: the OAuth endpoint swaps a refresh token (once) for a new pair; the OpenAPI wants a live
    /// <c>access_token</c> header and answers <c>{"error": 0 | -code, "message": …, "data": …}</c> with HTTP 200.
    /// </summary>
    private sealed class ZaloStandIn
    {
        private readonly Lock _lock = new();
        private string _refresh = "rt-0";
        private string? _access;
        private int _issued;

        public Func<ProviderRequest, int?>? Error { get; set; }

        public (int, string) Answer(ProviderRequest request)
        {
            lock (_lock)
            {
                if (request.Path == "/v4/oa/access_token")
                {
                    var form = request.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
                    if (request.Headers.GetValueOrDefault("secret_key") != AppSecret || form["app_id"] != AppId || form["refresh_token"] != _refresh)
                    {
                        return (200, """{"error":-14014,"error_name":"Invalid refresh token","error_description":"Refresh token is invalid"}""");
                    }

                    _issued++;
                    (_access, _refresh) = ($"at-{_issued}", $"rt-{_issued}");
                    return (200, $$"""{"access_token":"{{_access}}","refresh_token":"{{_refresh}}","expires_in":"90000"}""");
                }

                if (request.Headers.GetValueOrDefault("access_token") is not { } token || token != _access)
                {
                    return (200, """{"error":-216,"message":"Access token is invalid"}""");
                }

                if (Error?.Invoke(request) is { } error)
                {
                    return (200, $$"""{"error":{{error}},"message":"refused by the stand-in"}""");
                }

                return request.Path == "/v3.0/oa/message/cs"
                    ? (200, $$$"""{"error":0,"message":"Success","data":{"message_id":"m-{{{request.Number}}}","user_id":"{{{Follower}}}"}}""")
                    : (200, $$$$"""{"error":0,"message":"Success","data":{"msg_id":"z-{{{{request.Number}}}}","sent_time":"1764780000000","quota":{"dailyQuota":"500","remainingQuota":"499"}}}""");
            }
        }

        public void ExpireAccessToken()
        {
            lock (_lock)
            {
                _access = "expired";
            }
        }
    }

    /// <summary>A Zalo OA stand-in, an SMS gateway, and an engaged unit's person reachable by Zalo, then SMS.</summary>
    private async Task<Scene> FollowerWithSmsAsync()
    {
        var zalo = new ZaloStandIn();
        var api = await ProviderStandIn.StartAsync(zalo.Answer);
        var sms = await ProviderStandIn.StartAsync(_ => (202, """{"status":"queued"}"""));
        var world = await WorldAsync(Settings(api, sms));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("zalo", Follower, null), new ContactChannel("sms", Phone, null));
        return new Scene(zalo, api, sms, world, engagement, person);
    }

    private sealed class Scene(ZaloStandIn zalo, ProviderStandIn api, ProviderStandIn sms, ChannelWorld world, Engagement engagement, Person person) : IAsyncDisposable
    {
        public ZaloStandIn Zalo => zalo;

        public ProviderStandIn Api => api;

        public ChannelWorld World => world;

        public Engagement Engagement => engagement;

        /// <summary>Escalation step <paramref name="step"/> pages the person, and the dispatcher sends it.</summary>
        public async Task PageAsync(int step)
        {
            await world.StepAsync(engagement, step, new PageTarget(PageTarget.Person, person.Id, null, null));
            await world.DispatchAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await world.DisposeAsync();
            await sms.DisposeAsync();
            await api.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Settings(ProviderStandIn zalo, ProviderStandIn? sms = null)
    {
        var settings = ChannelHost.FastRetries(ZaloChannel.ChannelName);
        foreach (var (key, value) in ChannelHost.FastRetries(ZnsChannel.ChannelName).Concat(ChannelHost.FastRetries("sms")))
        {
            settings[key] = value;
        }

        settings["Notifications:Zalo:AppId"] = AppId;
        settings["Notifications:Zalo:SecretKey"] = AppSecret;
        settings["Notifications:Zalo:OaId"] = OaId;
        settings["Notifications:Zalo:OaSecretKey"] = OaSecret;
        settings["Notifications:Zalo:RefreshToken"] = "rt-0";
        settings["Notifications:Zalo:OpenApiBaseUrl"] = zalo.Address.ToString();
        settings["Notifications:Zalo:ZnsApiBaseUrl"] = zalo.Address.ToString();
        settings["Notifications:Zalo:OAuthBaseUrl"] = zalo.Address.ToString();
        settings["Notifications:Zalo:ZnsTemplateId"] = "245678";
        if (sms is not null)
        {
            settings["Notifications:Sms:Endpoint"] = new Uri(sms.Address, "api/sms").ToString();
        }

        return settings;
    }

    /// <summary>What Zalo posts to the OA webhook when a follower writes to the OA, signed as Zalo signs it.</summary>
    private static Task<HttpResponseMessage> ReplyAsync(ChannelWorld world, string text, string from = Follower, string? secret = OaSecret)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new
        {
            app_id = AppId, sender = new { id = from }, user_id_by_app = "552177279717587730", recipient = new { id = OaId }, event_name = "user_send_text",
            message = new { text, msg_id = "96d3cdf3af150460909" }, timestamp,
        });
        var headers = new Dictionary<string, string>();
        if (secret is not null)
        {
            headers[ZaloEventEndpoints.SignatureHeader] = "mac=" + ZaloEventEndpoints.Sign(AppId, body, timestamp, secret);
        }

        return world.PostAsync(ZaloEventEndpoints.Route, new StringContent(body, Encoding.UTF8, "application/json"), headers);
    }

    private static async Task<string> ResultOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("result").GetString()!;
    }

    [Fact]
    public async Task A_Zalo_OA_message_is_acknowledged_once_by_the_followers_reply_code_and_the_escalation_stops()
    {
        var zalo = new ZaloStandIn();
        await using var api = await ProviderStandIn.StartAsync(zalo.Answer);
        await using var world = await WorldAsync(Settings(api));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("zalo", Follower, null), new ContactChannel("sms", Phone, null));
        Assert.Equal(1, await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null, ["zalo"])));
        Assert.Equal(1, await world.DispatchAsync());
        Assert.Equal(1, await world.StepAsync(engagement, 2, new PageTarget(PageTarget.Person, person.Id, null, null, ["sms"]))); // a page still waiting

        Assert.Single(api.To("/v4/oa/access_token"));
        var sent = Assert.Single(api.To("/v3.0/oa/message/cs"));
        Assert.Equal("at-1", sent.Headers["access_token"]);
        var message = JsonNode.Parse(sent.Body)!;
        Assert.Equal(Follower, message["recipient"]!["user_id"]!.GetValue<string>());
        var text = message["message"]!["text"]!.GetValue<string>();
        var code = (await world.NotificationsAsync(engagement.Id))[0].AcknowledgeCode;
        Assert.Contains($"Trả lời tin nhắn này bằng mã {code}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng dịch vụ công", text, StringComparison.Ordinal); // TLP:AMBER on a chat: the minimal notice, no title nor system
        Assert.InRange(text.Length, 100, 2000);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplyAsync(world, $"OK {code}", secret: "not-the-oa-secret")).StatusCode);
        Assert.Equal("not-live", await ResultOf(await ReplyAsync(world, $"OK {code}", from: "9999999999999")));
        Assert.Equal(EngagementStates.Notified, (await world.EngagementStateAsync(engagement.Id)).State);

        Assert.Equal("done", await ResultOf(await ReplyAsync(world, $"đã nhận {code.ToLowerInvariant()}")));

        var acknowledged = await world.EngagementStateAsync(engagement.Id);
        Assert.Equal(EngagementStates.Acknowledged, acknowledged.State);
        Assert.Equal("zalo", acknowledged.AcknowledgedVia);
        Assert.Equal($"Nguyễn Văn Trực (Zalo {Follower})", acknowledged.AcknowledgedBy);
        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Cancelled], (await world.NotificationsAsync(engagement.Id)).Select(n => n.Status));
        Assert.Equal("already-done", await ResultOf(await ReplyAsync(world, code)));
        Assert.Equal(1, (await world.OutboxAsync()).Count(t => t == "EngagementAcknowledged"));
        Assert.Equal(0, await world.StepAsync(engagement, 3, new PageTarget(PageTarget.Person, person.Id, null, null, ["zalo"])));
    }

    [Fact]
    public async Task A_reply_code_lives_for_the_link_lifetime_from_the_latest_sending_of_its_notice()
    {
        var zalo = new ZaloStandIn();
        await using var api = await ProviderStandIn.StartAsync(zalo.Answer);
        await using var world = await WorldAsync(Settings(api));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("zalo", Follower, null));
        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null, ["zalo"]));
        await world.DispatchAsync();
        var notification = Assert.Single(await world.NotificationsAsync(engagement.Id));
        var eightDaysAgo = TimeProvider.System.GetUtcNow().AddDays(-8);

        // Sent eight days ago: past the 7-day lifetime, the code no longer acts.
        await world.WithDbAsync(db => db.Notifications.Where(n => n.Id == notification.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.CreatedAt, eightDaysAgo).SetProperty(n => n.CompletedAt, eightDaysAgo), Cancel));
        Assert.Equal("not-live", await ResultOf(await ReplyAsync(world, $"OK {notification.AcknowledgeCode}")));

        // Sent again just now at a person's request: what it carries acts again for its own seven days.
        await world.WithDbAsync(db => db.Notifications.Where(n => n.Id == notification.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.CompletedAt, TimeProvider.System.GetUtcNow()).SetProperty(n => n.Resends, 1), Cancel));
        Assert.Equal("done", await ResultOf(await ReplyAsync(world, $"OK {notification.AcknowledgeCode}")));
        Assert.Equal(EngagementStates.Acknowledged, (await world.EngagementStateAsync(engagement.Id)).State);
    }

    [Fact]
    public async Task A_ZNS_template_message_carries_the_acknowledgement_link_whose_button_acknowledges_once()
    {
        var zalo = new ZaloStandIn();
        await using var api = await ProviderStandIn.StartAsync(zalo.Answer);
        await using var world = await WorldAsync(Settings(api));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("zns", Phone, null));
        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();

        var sent = JsonNode.Parse(Assert.Single(api.To("/message/template")).Body)!;
        Assert.Equal("84912345678", sent["phone"]!.GetValue<string>());
        Assert.Equal("245678", sent["template_id"]!.GetValue<string>());
        var notification = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Equal(notification.Id.ToString("N"), sent["tracking_id"]!.GetValue<string>());
        var data = sent["template_data"]!;
        Assert.Equal(engagement.IncidentNumber, data["incident_number"]!.GetValue<string>());
        Assert.Equal(notification.AcknowledgeCode, data["ack_code"]!.GetValue<string>());
        Assert.Equal("Nghiêm trọng cao", data["severity"]!.GetValue<string>());
        var token = data["ack_token"]!.GetValue<string>();
        Assert.Equal("z-2", Assert.Single(await world.AttemptsAsync(notification.Id)).ProviderMessageId);

        // The template's button opens {PublicBaseUrl}/ack/{ack_token}; the page's button posts it.
        Assert.Equal(HttpStatusCode.OK, (await world.PostAsync("ack/" + token, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await world.PostAsync("ack/" + token, new FormUrlEncodedContent([]))).StatusCode);

        var acknowledged = await world.EngagementStateAsync(engagement.Id);
        Assert.Equal(EngagementStates.Acknowledged, acknowledged.State);
        Assert.Equal(1, (await world.OutboxAsync()).Count(t => t == "EngagementAcknowledged"));
    }

    [Fact]
    public async Task Zalo_refreshes_a_refused_access_token_and_retries_and_a_non_follower_falls_through_to_SMS_before_acknowledgement()
    {
        await using var scene = await FollowerWithSmsAsync();
        var (zalo, api, world, engagement) = (scene.Zalo, scene.Api, scene.World, scene.Engagement);

        await scene.PageAsync(1);
        zalo.ExpireAccessToken();
        await scene.PageAsync(2);
        zalo.Error = request => request.Path == "/v3.0/oa/message/cs" ? -213 : null; // the user does not follow the OA
        await scene.PageAsync(3);

        var notifications = await world.NotificationsAsync(engagement.Id);
        Assert.Equal([("zalo", "Delivered")], (await world.AttemptsAsync(notifications[0].Id)).Select(a => (a.Channel, a.Outcome)));
        var refreshed = await world.AttemptsAsync(notifications[1].Id);
        Assert.Equal([("zalo", "TransientFailure"), ("zalo", "Delivered")], refreshed.Select(a => (a.Channel, a.Outcome)));
        Assert.Contains("-216", refreshed[0].ProviderResponse, StringComparison.Ordinal);
        var refused = await world.AttemptsAsync(notifications[2].Id);
        Assert.Equal([("zalo", "PermanentFailure"), ("sms", "Delivered")], refused.Select(a => (a.Channel, a.Outcome)));

        Assert.Equal(2, api.To("/v4/oa/access_token").Count);
        var stored = await world.WithDbAsync(db => db.ProviderTokens.AsNoTracking().SingleAsync(Cancel));
        // Encrypted at rest: a copy of the database does not carry the OA's tokens.
        Assert.DoesNotContain("at-", stored.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-", stored.RefreshToken, StringComparison.Ordinal);
        var secrets = world.Services.GetRequiredService<ProviderTokenSecrets>();
        Assert.True(secrets.TryReveal(stored.AccessToken, out var access) & secrets.TryReveal(stored.RefreshToken, out var refresh));
        Assert.Equal(("at-2", "rt-2"), (access, refresh)); // the refresh token that works next, for every Host
        Assert.DoesNotContain("rt-", string.Concat(refreshed.Concat(refused).Select(a => a.ProviderResponse)), StringComparison.Ordinal);
        Assert.Equal(EngagementStates.Notified, (await world.EngagementStateAsync(engagement.Id)).State);
    }

    [Fact]
    public async Task Tokens_stored_before_encryption_are_still_used_and_are_stored_encrypted_at_the_next_refresh()
    {
        await using var scene = await FollowerWithSmsAsync();
        var (zalo, api, world, engagement) = (scene.Zalo, scene.Api, scene.World, scene.Engagement);
        await scene.PageAsync(1); // the first refresh stores at-1 / rt-1
        await world.WithDbAsync(async db =>
        {
            // As a Host before this change left it: the pair in clear.
            var row = await db.ProviderTokens.SingleAsync(Cancel);
            (row.AccessToken, row.RefreshToken) = ("at-1", "rt-1");
            return await db.SaveChangesAsync(Cancel);
        });
        zalo.ExpireAccessToken(); // at-1 is refused: the refresh token comes from the row



        await scene.PageAsync(2);

        var notifications = await world.NotificationsAsync(engagement.Id);
        Assert.Equal("Delivered", (await world.AttemptsAsync(notifications[1].Id)).Last().Outcome);
        var refreshes = api.To("/v4/oa/access_token");
        Assert.Equal(2, refreshes.Count);
        Assert.Contains("refresh_token=rt-1", refreshes[1].Body, StringComparison.Ordinal); // read from the row in clear, not the configured rt-0
        var stored = await world.WithDbAsync(db => db.ProviderTokens.AsNoTracking().SingleAsync(Cancel));
        Assert.StartsWith("dp1:", stored.RefreshToken, StringComparison.Ordinal);
    }
}

public sealed class SqliteZaloAcknowledgementTests : ZaloAcknowledgementTests
{
    protected override Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) => ChannelWorld.SqliteAsync(settings);
}

public sealed class PostgresZaloAcknowledgementTests(InfrastructureFixture infrastructure) : ZaloAcknowledgementTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) =>
        await ChannelWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("zalo_" + Guid.NewGuid().ToString("N")[..12]), settings);
}
