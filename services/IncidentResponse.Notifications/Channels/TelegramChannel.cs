using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Telegram through the Bot API: <c>sendMessage</c> to a chat id (a person's chat with the bot, or a group) with the
/// notice as plain text (<see cref="ChatText"/>) and inline buttons "Xác nhận / Acknowledge", "Nhận xử lý / Accept",
/// "Từ chối / Decline", whose <c>callback_data</c> are signed action tokens (<see cref="ActionTokens"/>). The press comes
/// back to <c>POST /api/v1/channels/telegram/updates</c>. 429 and 5xx are transient, other errors (chat not found, bot
/// blocked, bad token) permanent.
/// </summary>
public sealed partial class TelegramChannel(
    IHttpClientFactory clients, IOptions<TelegramOptions> options, ActionTokens tokens, ILogger<TelegramChannel> logger) : INotificationChannel
{
    public const string ChannelName = "telegram";
    public const string HttpClientName = "notifications-telegram";

    public static readonly (ChatAction Action, string Text)[] Buttons =
    [
        (ChatAction.Acknowledge, "Xác nhận / Acknowledge"),
        (ChatAction.Accept, "Nhận xử lý / Accept"),
        (ChatAction.Decline, "Từ chối / Decline"),
    ];

    public string Name => ChannelName;

    /// <summary>One breaker for the Bot API, whoever the chat is.</summary>
    public string EndpointOf(Destination destination) => ChannelEndpoint.Of(ChannelName, options.Value.ApiBaseUrl.ToString());

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(destination);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.BotToken))
        {
            return ChannelResult.Permanent("no Telegram bot token configured");
        }

        if (!IsChatId(destination.Address))
        {
            return ChannelResult.Permanent("invalid Telegram chat id");
        }

        var keyboard = new JsonArray();
        var withEngagement = notice.Kind != NoticeKind.DeadlineAlert; // a deadline alert has no engagement to accept or decline
        var row = new JsonArray();
        foreach (var (action, text) in Buttons.Where(b => withEngagement || b.Action == ChatAction.Acknowledge))
        {
            row.Add(new JsonObject { ["text"] = text, ["callback_data"] = tokens.Sign(action, notice.NotificationId) });
        }

        keyboard.Add(row);
        var body = new JsonObject
        {
            ["chat_id"] = destination.Address.Trim(),
            ["text"] = ChatText.Compose(notice, recipient, settings.MaxLength),
            ["link_preview_options"] = new JsonObject { ["is_disabled"] = true },
            ["reply_markup"] = new JsonObject { ["inline_keyboard"] = keyboard },
        };
        var result = await CallAsync(clients.CreateClient(HttpClientName), settings, "sendMessage", body, cancellationToken);
        if (result.Outcome != AttemptOutcome.Delivered)
        {
            LogFailed(logger, notice.NotificationId, result.ProviderResponse);
        }

        return result;
    }

    /// <summary>A Telegram chat id: a (possibly negative) integer, or <c>@channelusername</c>.</summary>
    public static bool IsChatId(string address)
    {
        var value = address.Trim();
        return value.Length is > 0 and <= 40
            && ((value.StartsWith('@') && value.Length > 5 && value[1..].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                || long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    /// <summary>
    /// Calls a Bot API method; classifies by status (Telegram answers 429 with <c>retry_after</c>, 400/403 for chats it cannot
    /// reach) and takes the sent message's id as the provider's id.
    /// </summary>
    internal static async Task<ChannelResult> CallAsync(HttpClient client, TelegramOptions settings, string method, JsonObject body, CancellationToken cancellationToken)
    {
        // The token is in the path: this client logs nothing (RemoveAllLoggers) and the record keeps only the method.
        // "./" keeps the token's ':' from reading as a URI scheme.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, $"./bot{settings.BotToken}/{method}"))
        {
            Content = JsonContent.Create(body),
        };
        var (answer, failure) = await HttpDelivery.ExchangeAsync(client, request, cancellationToken);
        if (answer is null)
        {
            return failure!;
        }

        var outcome = HttpDelivery.OutcomeOf(answer.Status);
        string? messageId = null;
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False && outcome == AttemptOutcome.Delivered)
            {
                outcome = AttemptOutcome.PermanentFailure; // "ok": false under 200 is still a refusal
            }

            if (root.TryGetProperty("result", out var sent) && sent.ValueKind == JsonValueKind.Object && sent.TryGetProperty("message_id", out var id))
            {
                messageId = id.ToString();
            }
        }
        catch (JsonException)
        {
            outcome = outcome == AttemptOutcome.Delivered ? AttemptOutcome.TransientFailure : outcome; // not the Bot API's answer
        }

        return new ChannelResult(outcome, $"{method}: {answer.Describe()}", messageId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram message for notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
