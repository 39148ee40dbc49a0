using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// The Telegram bot's webhook (<c>setWebhook</c> with <c>secret_token</c>): Telegram proves itself with the
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header; nothing else is accepted. A <c>callback_query</c> (an inline button
/// pressed) whose signed action token names a live notification sent to that chat acts on the engagement through
/// <see cref="ChannelAcknowledgements"/>, as the person who pressed (Telegram name and id, on the timeline), and the
/// press is answered with <c>answerCallbackQuery</c>. Every update Telegram sends is answered 200, so it is not sent again.
/// </summary>
public static partial class TelegramUpdateEndpoints
{
    public const string Route = "/api/v1/channels/telegram/updates";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>What the update did: <c>done</c>, <c>already-done</c>, <c>invalid</c>, <c>not-live</c>, <c>refused</c> or <c>ignored</c>.</summary>
    public sealed record UpdateResult(string Result);

    public static IEndpointRouteBuilder MapTelegramUpdates(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Authenticated by Telegram's secret header, not by an API key: Telegram holds no key of ours.
        endpoints.MapPost(Route, ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Ack)
            .WithTags("Engagements").Produces<UpdateResult>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    /// <summary>True when <paramref name="given"/> is the configured secret (constant time); never without one configured.</summary>
    public static bool SecretMatches(string? configured, string? given) =>
        !string.IsNullOrEmpty(configured) && given is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IOptions<TelegramOptions> options, ActionTokens tokens, ChannelAcknowledgements acknowledgements, IHttpClientFactory clients,
        ILoggerFactory loggers)
    {
        var cancellationToken = http.RequestAborted;
        var settings = options.Value;
        if (!SecretMatches(settings.WebhookSecret, http.Request.Headers[SecretHeader].ToString()))
        {
            http.RequestServices.GetService<FailedCredentials>()?.Record(http);
            return Problems.Status(StatusCodes.Status401Unauthorized, "Không được phép / Unauthorized",
                "Thiếu hoặc sai mã bí mật của webhook Telegram / the Telegram webhook's secret token is missing or wrong");
        }

        var (update, _, problem) = await http.Request.ReadJsonAsync<JsonObject>();
        if (problem is not null)
        {
            return problem;
        }

        if (update?["callback_query"] is not JsonObject query
            || Text(query["id"]) is not { Length: > 0 } queryId
            || Text(query["data"]) is not { } data)
        {
            return Results.Ok(new UpdateResult("ignored")); // a message, a member joining …: nothing to do
        }

        var chat = ChatIdOf(query);
        var (name, userId) = PresserOf(query);
        var check = tokens.Check(data);
        ChannelAck ack;
        string result;
        if (!check.Valid || chat is null)
        {
            ack = new ChannelAck(ChannelAckOutcome.NotLive);
            result = check.Refusal is "bad-signature" or "malformed" ? "refused" : "not-live";
        }
        else
        {
            var actor = new EngagementActor($"{name} (Telegram {userId})", TelegramChannel.ChannelName);
            ack = await acknowledgements.ApplyAsync(check.NotificationId, check.Action, actor,
                c => c.Channel == TelegramChannel.ChannelName && c.Address.Trim() == chat, cancellationToken);
            result = ack.Outcome switch
            {
                ChannelAckOutcome.Done => "done",
                ChannelAckOutcome.AlreadyDone => "already-done",
                ChannelAckOutcome.Invalid => "invalid",
                _ => "not-live",
            };
        }

        if (string.IsNullOrWhiteSpace(settings.BotToken))
        {
            return Results.Ok(new UpdateResult(result));
        }

        var answer = await TelegramChannel.CallAsync(clients.CreateClient(TelegramChannel.HttpClientName), settings, "answerCallbackQuery",
            new JsonObject
            {
                ["callback_query_id"] = queryId,
                ["text"] = Shorten(ChannelAcknowledgements.Answer(ack, check.Action), 200),
                ["show_alert"] = ack.Outcome != ChannelAckOutcome.Done,
            }, cancellationToken);
        if (answer.Outcome != AttemptOutcome.Delivered)
        {
            LogAnswerFailed(loggers.CreateLogger(typeof(TelegramUpdateEndpoints)), answer.ProviderResponse);
        }

        return Results.Ok(new UpdateResult(result));
    }

    /// <summary>The chat the pressed message is in, as the directory writes it.</summary>
    private static string? ChatIdOf(JsonObject query) =>
        query["message"]?["chat"]?["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.Number ? id.ToJsonString() : null;

    /// <summary>The presser's name as Telegram gives it (first, last, @username) and their numeric id.</summary>
    private static (string Name, string Id) PresserOf(JsonObject query)
    {
        var from = query["from"];
        var name = string.Join(' ', new[] { Text(from?["first_name"]), Text(from?["last_name"]) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (Text(from?["username"]) is { Length: > 0 } username)
        {
            name = name.Length == 0 ? "@" + username : $"{name} @{username}";
        }

        var id = from?["id"] is JsonValue number && number.GetValueKind() == JsonValueKind.Number ? number.ToJsonString() : "?";
        return (Shorten(name.Length == 0 ? "Telegram user" : name, 200), id);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a Telegram button press failed: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, string reason);
}
