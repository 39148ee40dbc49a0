using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// SMS through a provider-neutral HTTP gateway: the configured JSON template is filled with the phone
/// number, the short text (<see cref="SmsText"/>) and the notification id, and POSTed with the configured headers.
/// </summary>
public sealed partial class SmsChannel(IHttpClientFactory clients, IOptions<SmsOptions> options, ILogger<SmsChannel> logger) : INotificationChannel
{
    public const string ChannelName = "sms";
    public const string HttpClientName = "notifications-sms";

    public string Name => ChannelName;

    /// <summary>One breaker for the gateway, whoever the recipient is.</summary>
    public string EndpointOf(Destination destination) => ChannelEndpoint.Of(ChannelName, options.Value.Endpoint);

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(destination);
        var settings = options.Value;
        var (gateway, failure) = HttpDelivery.Gateway(settings.Endpoint, "SMS");
        if (gateway is null)
        {
            return failure!;
        }

        var to = destination.Address.Trim();
        if (to.Length == 0)
        {
            return ChannelResult.Permanent("no phone number");
        }

        // Unaccented, the title goes plain before it is measured: a letter of another script (Hangul) decomposes into several.
        var text = settings.Unaccented
            ? SmsText.Unaccented(SmsText.Compose(notice with { Title = notice.Title is { } title ? SmsText.Unaccented(title) : null }, recipient, settings.MaxLength))
            : SmsText.Compose(notice, recipient, settings.MaxLength);

        var body = SmsTemplate.Fill(settings.BodyTemplate, to, text, notice.SendingKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in settings.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var result = await HttpDelivery.SendAsync(clients.CreateClient(HttpClientName), request, cancellationToken);
        if (result.Outcome != AttemptOutcome.Delivered)
        {
            LogFailed(logger, notice.NotificationId, result.ProviderResponse);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS for notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
