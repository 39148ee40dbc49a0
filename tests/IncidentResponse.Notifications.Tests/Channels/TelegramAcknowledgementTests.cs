using System.Net;
using System.Net.Http.Json;
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
/// Telegram end to end against a Bot API stand-in: the notice goes out with its three buttons, the stand-in presses one as
/// Telegram would (a callback_query update with the webhook's secret token), the engagement is acknowledged once with who
/// pressed it on record, the press is answered, and the escalation pages nobody more.
/// </summary>
public abstract class TelegramAcknowledgementTests
{
    private const string BotToken = "123456:telegram-test-token";
    private const string Secret = "telegram-webhook-secret-0123456789";
    private const string Chat = "-1001234567890";

    protected abstract Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The Bot API as documented: 200 <c>{"ok":true,"result":…}</c>; a wrong token 401 <c>{"ok":false,"error_code":401,…}</c>.</summary>
    internal static Func<ProviderRequest, (int, string)> BotApi(Func<ProviderRequest, (int, string)?>? failure = null) => request =>
    {
        if (!request.Path.StartsWith($"/bot{BotToken}/", StringComparison.Ordinal))
        {
            return (401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
        }

        if (failure?.Invoke(request) is { } failed)
        {
            return failed;
        }

        return request.Path.EndsWith("/sendMessage", StringComparison.Ordinal)
            ? (200, $$$"""{"ok":true,"result":{"message_id":{{{request.Number + 500}}},"date":1764780000,"chat":{"id":{{{Chat}}},"type":"supergroup"},"text":"…"}}""")
            : (200, """{"ok":true,"result":true}""");
    };

    internal static Dictionary<string, string?> Settings(ProviderStandIn telegram)
    {
        var settings = ChannelHost.FastRetries(TelegramChannel.ChannelName);
        settings["Notifications:Telegram:BotToken"] = BotToken;
        settings["Notifications:Telegram:ApiBaseUrl"] = telegram.Address.ToString();
        settings["Notifications:Telegram:WebhookSecret"] = Secret;
        return settings;
    }

    /// <summary>The callback_data of the button whose text starts with <paramref name="label"/> in the message sent.</summary>
    private static string Button(ProviderRequest sent, string label)
    {
        var body = JsonNode.Parse(sent.Body)!;
        return body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray())
            .Single(b => b!["text"]!.GetValue<string>().StartsWith(label, StringComparison.Ordinal))!["callback_data"]!.GetValue<string>();
    }

    /// <summary>What Telegram posts to the webhook when someone presses a button.</summary>
    private static Task<HttpResponseMessage> PressAsync(ChannelWorld world, string data, string chat = Chat, string? secret = Secret, string queryId = "4382bfdwdsb323b2d9")
    {
        var update = JsonNode.Parse($$$"""
            {"update_id": 10000,
             "callback_query": {"id": "{{{queryId}}}",
               "from": {"id": 777001, "is_bot": false, "first_name": "Trần", "last_name": "Văn Trực", "username": "tructv", "language_code": "vi"},
               "message": {"message_id": 501, "date": 1764780000, "chat": {"id": {{{chat}}}, "type": "supergroup", "title": "Trực ban VNPT"}, "text": "…"},
               "chat_instance": "-5482342423422", "data": "{{{data}}}"}}
            """)!;
        var headers = secret is null ? null : new Dictionary<string, string> { [TelegramUpdateEndpoints.SecretHeader] = secret };
        return world.PostJsonAsync(TelegramUpdateEndpoints.Route, update, headers);
    }

    private static async Task<string> ResultOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("result").GetString()!;
    }

    [Fact]
    public async Task A_Telegram_button_acknowledges_the_engagement_once_records_who_pressed_and_stops_the_escalation()
    {
        await using var telegram = await ProviderStandIn.StartAsync(BotApi());
        await using var world = await WorldAsync(Settings(telegram));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("telegram", Chat, null), new ContactChannel("sms", "+84912345678", null));
        Assert.Equal(1, await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null, ["telegram"])));
        Assert.Equal(1, await world.DispatchAsync());
        var sent = Assert.Single(telegram.To("/sendMessage"));
        Assert.Equal(1, await world.StepAsync(engagement, 2, new PageTarget(PageTarget.Person, person.Id, null, null, ["sms"]))); // a page still waiting

        var message = JsonNode.Parse(sent.Body)!;
        Assert.Equal(Chat, message["chat_id"]!.GetValue<string>());
        var text = message["text"]!.GetValue<string>();
        Assert.Contains(engagement.IncidentNumber, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Số hiệu sự cố", StringComparison.Ordinal) is >= 0 and var vi && vi < text.IndexOf("Incident number", StringComparison.Ordinal), "Vietnamese first");
        Assert.DoesNotContain("Cổng dịch vụ công", text, StringComparison.Ordinal); // TLP:AMBER on a chat: the minimal notice, no title nor system (the policy's default)
        Assert.Equal(["Xác nhận / Acknowledge", "Nhận xử lý / Accept", "Từ chối / Decline"],
            message["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()).Select(b => b!["text"]!.GetValue<string>()));
        Assert.All(message["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(r => r!.AsArray()),
            b => Assert.InRange(b!["callback_data"]!.GetValue<string>().Length, 1, 64));

        Assert.Equal("done", await ResultOf(await PressAsync(world, Button(sent, "Xác nhận"))));

        var acknowledged = await world.EngagementStateAsync(engagement.Id);
        Assert.Equal(EngagementStates.Acknowledged, acknowledged.State);
        Assert.Equal("Trần Văn Trực @tructv (Telegram 777001)", acknowledged.AcknowledgedBy);
        Assert.Equal("telegram", acknowledged.AcknowledgedVia);
        var answered = Assert.Single(telegram.To("/answerCallbackQuery"));
        Assert.Equal("4382bfdwdsb323b2d9", JsonNode.Parse(answered.Body)!["callback_query_id"]!.GetValue<string>());
        var notifications = await world.NotificationsAsync(engagement.Id);
        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Cancelled], notifications.Select(n => n.Status));
        Assert.Equal(["telegram"], DirectoryJson.Channels(notifications[0].Destinations).Select(c => c.Channel)); // the step named the channel
        Assert.Equal(["sms"], DirectoryJson.Channels(notifications[1].Destinations).Select(c => c.Channel));

        Assert.Equal("already-done", await ResultOf(await PressAsync(world, Button(sent, "Xác nhận"), queryId: "second")));
        Assert.Equal(1, (await world.OutboxAsync()).Count(t => t == "EngagementAcknowledged"));
        Assert.Equal(2, telegram.To("/answerCallbackQuery").Count);
        Assert.Equal(0, await world.StepAsync(engagement, 3, new PageTarget(PageTarget.Person, person.Id, null, null, ["telegram"])));
        Assert.Single(telegram.To("/sendMessage"));
    }

    [Fact]
    public async Task After_a_Telegram_acknowledgement_Accept_still_works_once_and_Decline_is_refused()
    {
        await using var telegram = await ProviderStandIn.StartAsync(BotApi());
        await using var world = await WorldAsync(Settings(telegram));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("telegram", Chat, null));
        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();
        var sent = Assert.Single(telegram.To("/sendMessage"));

        Assert.Equal("done", await ResultOf(await PressAsync(world, Button(sent, "Xác nhận"))));
        Assert.Equal("done", await ResultOf(await PressAsync(world, Button(sent, "Nhận xử lý"))));
        Assert.Equal("already-done", await ResultOf(await PressAsync(world, Button(sent, "Nhận xử lý"))));
        Assert.Equal("invalid", await ResultOf(await PressAsync(world, Button(sent, "Từ chối"))));

        var state = await world.EngagementStateAsync(engagement.Id);
        Assert.Equal(EngagementStates.Accepted, state.State);
        Assert.Equal("Trần Văn Trực @tructv (Telegram 777001)", state.AcceptedBy);
        Assert.Equal(["EngagementAcknowledged", "EngagementAccepted"], (await world.OutboxAsync()).Where(t => t.StartsWith("Engagement", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_Telegram_press_without_the_secret_from_another_chat_or_with_a_forged_token_acknowledges_nothing()
    {
        await using var telegram = await ProviderStandIn.StartAsync(BotApi());
        await using var world = await WorldAsync(Settings(telegram));
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("telegram", Chat, null));
        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();
        var data = Button(Assert.Single(telegram.To("/sendMessage")), "Xác nhận");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PressAsync(world, data, secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PressAsync(world, data, secret: "wrong-secret")).StatusCode);
        Assert.Equal("not-live", await ResultOf(await PressAsync(world, data, chat: "-1009999999999")));
        var forged = data[..^4] + (data[^4..] == "AAAA" ? "BBBB" : "AAAA");
        Assert.Equal("refused", await ResultOf(await PressAsync(world, forged)));

        Assert.Equal(EngagementStates.Notified, (await world.EngagementStateAsync(engagement.Id)).State);
        Assert.DoesNotContain("EngagementAcknowledged", await world.OutboxAsync());
    }

    [Fact]
    public async Task Telegram_retries_a_429_and_a_bot_blocked_403_falls_through_to_SMS_before_any_acknowledgement()
    {
        var blocked = false;
        await using var telegram = await ProviderStandIn.StartAsync(BotApi(request =>
            blocked ? (403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""")
            : request.Number == 1 ? (429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""")
            : null));
        await using var sms = await ProviderStandIn.StartAsync(_ => (202, """{"status":"queued"}"""));
        var settings = Settings(telegram);
        foreach (var (key, value) in ChannelHost.FastRetries("sms"))
        {
            settings[key] = value;
        }

        settings["Notifications:Sms:Endpoint"] = new Uri(sms.Address, "api/sms").ToString();
        await using var world = await WorldAsync(settings);
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("telegram", Chat, null), new ContactChannel("sms", "+84912345678", null));

        await world.StepAsync(engagement, 1, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();
        blocked = true;
        await world.StepAsync(engagement, 2, new PageTarget(PageTarget.Person, person.Id, null, null));
        await world.DispatchAsync();

        var notifications = await world.NotificationsAsync(engagement.Id);
        var first = await world.AttemptsAsync(notifications[0].Id);
        Assert.Equal([("telegram", "TransientFailure"), ("telegram", "Delivered")], first.Select(a => (a.Channel, a.Outcome)));
        Assert.StartsWith("sendMessage: HTTP 429", first[0].ProviderResponse, StringComparison.Ordinal);
        Assert.Equal("502", first[1].ProviderMessageId);
        var second = await world.AttemptsAsync(notifications[1].Id);
        Assert.Equal([("telegram", "PermanentFailure"), ("sms", "Delivered")], second.Select(a => (a.Channel, a.Outcome)));
        Assert.Contains("bot was blocked by the user", second[0].ProviderResponse, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, string.Concat(first.Concat(second).Select(a => a.ProviderResponse + a.Address)), StringComparison.Ordinal);
    }
}

public sealed class SqliteTelegramAcknowledgementTests : TelegramAcknowledgementTests
{
    protected override Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) => ChannelWorld.SqliteAsync(settings);
}

public sealed class PostgresTelegramAcknowledgementTests(InfrastructureFixture infrastructure) : TelegramAcknowledgementTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<ChannelWorld> WorldAsync(IDictionary<string, string?> settings) =>
        await ChannelWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("telegram_" + Guid.NewGuid().ToString("N")[..12]), settings);
}
