using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// A Zalo Official Account message to a follower (<c>POST {OpenApiBaseUrl}v3.0/oa/message/cs</c>, recipient by
/// <c>user_id</c>): the notice as plain text (<see cref="ChatText"/>), with its acknowledgement link and the invitation to
/// reply with the code; the reply comes back through the OA webhook (<c>POST /api/v1/channels/zalo/events</c>).
/// </summary>
public sealed partial class ZaloChannel(IHttpClientFactory clients, IOptions<ZaloOptions> options, ZaloTokens tokens, ILogger<ZaloChannel> logger) : INotificationChannel
{
    public const string ChannelName = "zalo";

    public string Name => ChannelName;

    /// <summary>One breaker for the OpenAPI, whoever the follower is.</summary>
    public string EndpointOf(Destination destination) => ChannelEndpoint.Of(ChannelName, options.Value.OpenApiBaseUrl.ToString());

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(destination);
        var userId = destination.Address.Trim();
        if (userId.Length is < 5 or > 40 || !userId.All(char.IsAsciiDigit))
        {
            return ChannelResult.Permanent("invalid Zalo user id");
        }

        var (token, failure) = await tokens.AccessTokenAsync(cancellationToken);
        if (token is null)
        {
            return failure!;
        }

        var reply = recipient.PrefersEnglish
            ? $"Reply to this message with the code {notice.AcknowledgeCode} to acknowledge. / Trả lời tin nhắn này bằng mã {notice.AcknowledgeCode} để xác nhận."
            : $"Trả lời tin nhắn này bằng mã {notice.AcknowledgeCode} để xác nhận. / Reply to this message with the code {notice.AcknowledgeCode} to acknowledge.";
        var settings = options.Value;
        var text = ChatText.Compose(notice, recipient, Math.Max(200, settings.MaxLength - reply.Length - 2));
        var body = new JsonObject
        {
            ["recipient"] = new JsonObject { ["user_id"] = userId },
            ["message"] = new JsonObject { ["text"] = $"{text}\n\n{reply}" },
        };
        var (result, refused) = await ZaloApi.PostAsync(clients.CreateClient(ZaloTokens.HttpClientName), new Uri(settings.OpenApiBaseUrl, "v3.0/oa/message/cs"),
            token, body, "message_id", cancellationToken);
        if (refused)
        {
            tokens.Refused(token);
        }

        if (result.Outcome != AttemptOutcome.Delivered)
        {
            LogFailed(logger, notice.NotificationId, result.ProviderResponse);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OA message for notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
