using System.Globalization;
using System.Net.Http.Headers;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// POSTs the notice as JSON to the destination URL, signed with the destination's secret
/// (<see cref="WebhookSignature"/>) and carrying the notification id as <c>Idempotency-Key</c>. Plain http is refused except
/// to this machine or a host in <c>Notifications:PlainHttpWebhookHosts</c> (<see cref="PlainHttpWebhooks"/>): the directory
/// and the escalation policies are checked at start, and anything else fails here, the notice going on to the next
/// channel or step.
/// </summary>
public sealed partial class WebhookChannel(IHttpClientFactory clients, TimeProvider time, IOptions<NotificationsOptions> options, ILogger<WebhookChannel> logger)
    : INotificationChannel
{
    public const string ChannelName = "webhook";
    public const string HttpClientName = "notifications-webhook";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string UserAgent = "IncidentResponse/1.0";

    public string Name => ChannelName;

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(destination);
        if (!Uri.TryCreate(destination.Address, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return ChannelResult.Permanent("invalid webhook URL");
        }

        if (PlainHttpWebhooks.Problem(destination.Address, options.Value.PlainHttpWebhookHosts) is { } plain)
        {
            return ChannelResult.Permanent(plain);
        }

        if (string.IsNullOrEmpty(destination.Secret))
        {
            return ChannelResult.Permanent("no signing secret configured");
        }

        var body = WebhookPayload.From(notice).ToUtf8Bytes();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(destination.Secret, timestamp, body));
        if (destination.PreviousSecret is { Length: > 0 } previous && previous != destination.Secret)
        {
            request.Headers.Add(WebhookSignature.PreviousSignatureHeader, WebhookSignature.Compute(previous, timestamp, body));
        }

        request.Headers.Add(IdempotencyKeyHeader, notice.SendingKey);
        // The same, as the Standard Webhooks specification writes it (the id is the sending's key, the same on every retry).
        request.Headers.Add(StandardWebhookSignature.IdHeader, notice.SendingKey);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Compute(
            destination.PreviousSecret is { Length: > 0 } old && old != destination.Secret ? [destination.Secret, old] : [destination.Secret],
            notice.SendingKey, timestamp, body));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        var result = await HttpDelivery.SendAsync(clients.CreateClient(HttpClientName), request, cancellationToken);
        if (result.Outcome != AttemptOutcome.Delivered)
        {
            LogFailed(logger, notice.NotificationId, url.Host, result.ProviderResponse);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for notification {NotificationId} to {Host} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string host, string reason);
}
