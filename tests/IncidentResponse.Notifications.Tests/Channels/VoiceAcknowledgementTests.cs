using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>
/// Voice calls end to end against a voice gateway stand-in: the call request carries the Vietnamese text to read and the
/// callback, the stand-in calls back signed with "1 pressed", the engagement is acknowledged once, and the escalation
/// pages nobody more; an unanswered call is a failed attempt and the next channel follows.
/// </summary>
public abstract class VoiceAcknowledgementTests
{
    private const string Secret = "voice-callback-secret-0123456789";
    private const string Phone = "+84912345678";

    protected abstract Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The gateway: a bearer token, then the call's outcome as the test says.</summary>
    private static Func<ProviderRequest, (int, string)> Gateway(Func<ProviderRequest, string> status) => request =>
        request.Headers.TryGetValue("Authorization", out var auth) && auth == "Bearer voice-token"
            ? (200, $$"""{"status":"{{status(request)}}","callId":"call-{{request.Number}}"}""")
            : (401, """{"error":"unauthorized"}""");

    private static Dictionary<string, string?> Settings(ProviderStandIn gateway, ProviderStandIn? sms = null)
    {
        var settings = ChannelHost.FastRetries(VoiceChannel.ChannelName, maxRetries: 1);
        settings["Notifications:Voice:Endpoint"] = new Uri(gateway.Address, "calls").ToString();
        settings["Notifications:Voice:Headers:Authorization"] = "Bearer voice-token";
        settings["Notifications:Voice:CallbackSecret"] = Secret;
        if (sms is not null)
        {
            foreach (var (key, value) in ChannelHost.FastRetries("sms"))
            {
                settings[key] = value;
            }

            settings["Notifications:Sms:Endpoint"] = new Uri(sms.Address, "api/sms").ToString();
        }

        return settings;
    }

    /// <summary>What the gateway posts back when the callee presses a key, signed as webhooks are.</summary>
    private static Task<HttpResponseMessage> CallBackAsync(ChannelWorld world, ProviderRequest call, string digits = "1", string to = Phone, string? secret = Secret)
    {
        var sent = JsonNode.Parse(call.Body)!;
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            reference = sent["reference"]!.GetValue<string>(), @event = "dtmf", digits, to, callId = "call-" + call.Number,
        }));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string> { [WebhookSignature.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture) };
        if (secret is not null)
        {
            headers[WebhookSignature.SignatureHeader] = WebhookSignature.Compute(secret, timestamp, body);
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return world.PostAsync(VoiceCallbackEndpoints.Route, content, headers);
    }

    private static async Task<string> ResultOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("result").GetString()!;
    }

    [Fact]
    public async Task A_voice_call_reads_the_notice_in_Vietnamese_and_key_1_acknowledges_once_and_stops_the_escalation()
    {
        await using var gateway = await ProviderStandIn.StartAsync(Gateway(_ => "answered"));
        await using var world = await WorldAsync(Settings(gateway));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("voice", Phone, null), new ContactChannel("sms", Phone, null));
        Assert.Equal(1, await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null, ["voice"])));
        Assert.Equal(1, await world.DispatchAsync());
        var call = Assert.Single(gateway.Requests);
        Assert.Equal(1, await world.StepAsync(engagement, 2, new PageTarget(PageTarget.Person, person.Id, null, null, ["sms"]))); // a page still waiting

        var request = JsonNode.Parse(call.Body)!;
        Assert.Equal(Phone, request["to"]!.GetValue<string>());
        Assert.Equal("vi-VN", request["language"]!.GetValue<string>());
        var text = request["text"]!.GetValue<string>();
        Assert.Contains("Bấm phím 1 để xác nhận", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng dịch vụ công", text, StringComparison.Ordinal); // TLP:AMBER on a call: the minimal notice
        Assert.EndsWith("/api/v1/channels/voice/callback", request["callbackUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("done", await ResultOf(await CallBackAsync(world, call)));

        var acknowledged = await world.EngagementStateAsync(engagement.Id);
        Assert.Equal(EngagementStates.Acknowledged, acknowledged.State);
        Assert.Equal("voice", acknowledged.AcknowledgedVia);
        Assert.Equal($"Nguyễn Văn Trực ({Phone})", acknowledged.AcknowledgedBy);
        var notifications = await world.NotificationsAsync(engagement.Id);
        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Cancelled], notifications.Select(n => n.Status));
        Assert.Equal("call-1", Assert.Single(await world.AttemptsAsync(notifications[0].Id)).ProviderMessageId);

        Assert.Equal("already-done", await ResultOf(await CallBackAsync(world, call)));
        Assert.Equal(1, (await world.OutboxAsync()).Count(t => t == "EngagementAcknowledged"));
        Assert.Equal(0, await world.StepAsync(engagement, 3, new PageTarget(PageTarget.Person, person.Id, null, null, ["voice"])));
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task A_voice_callback_unsigned_for_another_number_or_another_key_acknowledges_nothing()
    {
        await using var gateway = await ProviderStandIn.StartAsync(Gateway(_ => "answered"));
        await using var world = await WorldAsync(Settings(gateway));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("voice", Phone, null));
        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();
        var call = Assert.Single(gateway.Requests);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallBackAsync(world, call, secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallBackAsync(world, call, secret: "another-secret-0123456789")).StatusCode);
        Assert.Equal("not-live", await ResultOf(await CallBackAsync(world, call, to: "+84987654321")));
        Assert.Equal("ignored", await ResultOf(await CallBackAsync(world, call, digits: "2")));

        Assert.Equal(EngagementStates.Notified, (await world.EngagementStateAsync(engagement.Id)).State);
        Assert.DoesNotContain("EngagementAcknowledged", await world.OutboxAsync());
    }

    [Fact]
    public async Task An_unanswered_voice_call_is_retried_then_SMS_follows_a_failed_one_falls_through_at_once_before_any_acknowledgement()
    {
        var status = "no-answer";
        await using var gateway = await ProviderStandIn.StartAsync(Gateway(_ => status));
        await using var sms = await ProviderStandIn.StartAsync(_ => (202, """{"status":"queued"}"""));
        await using var world = await WorldAsync(Settings(gateway, sms));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("voice", Phone, null), new ContactChannel("sms", Phone, null));

        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();
        status = "failed";
        await world.StepAsync(engagement, 2, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();

        var notifications = await world.NotificationsAsync(engagement.Id);
        var unanswered = await world.AttemptsAsync(notifications[0].Id);
        Assert.Equal([("voice", "TransientFailure"), ("voice", "TransientFailure"), ("sms", "Delivered")], unanswered.Select(a => (a.Channel, a.Outcome)));
        Assert.Contains("no-answer", unanswered[0].ProviderResponse, StringComparison.Ordinal);
        var failed = await world.AttemptsAsync(notifications[1].Id);
        Assert.Equal([("voice", "PermanentFailure"), ("sms", "Delivered")], failed.Select(a => (a.Channel, a.Outcome)));
    }

    [Fact]
    public async Task A_page_whose_only_voice_call_goes_unanswered_fails_so_the_next_escalation_step_follows_without_acknowledgement()
    {
        await using var gateway = await ProviderStandIn.StartAsync(Gateway(_ => "busy"));
        await using var world = await WorldAsync(Settings(gateway));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("voice", Phone, null));

        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();

        Assert.Equal(NotificationStatus.Failed, Assert.Single(await world.NotificationsAsync(engagement.Id)).Status);
        Assert.Contains("NotificationFailed", await world.OutboxAsync()); // escalation makes the next step due at once
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(EngagementStates.Notified, (await world.EngagementStateAsync(engagement.Id)).State);
    }
}

public sealed class SqliteVoiceAcknowledgementTests : VoiceAcknowledgementTests
{
    protected override Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) => ChannelWorld.SqliteAsync(settings);
}

public sealed class PostgresVoiceAcknowledgementTests(InfrastructureFixture infrastructure) : VoiceAcknowledgementTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) =>
        await ChannelWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("voice_" + Guid.NewGuid().ToString("N")[..12]), settings);
}
