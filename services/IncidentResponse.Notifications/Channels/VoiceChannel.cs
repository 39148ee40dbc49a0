using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Partners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// A phone call through a provider-neutral HTTP voice gateway, like the SMS gateway: the configured JSON template is
/// filled with the number (E.164), the text to read (<see cref="VoiceText"/>) and its language, a signed reference and
/// the callback URL, and POSTed with the configured headers. The gateway answers when the call has ended or been
/// answered, with <c>{"status": "answered" | "no-answer" | "busy" | "failed", "callId": "…"}</c>: an answered call is
/// delivered; no answer or busy is a transient failure (retried, then the next channel, then the next step); a failed
/// call (a number that does not exist) is permanent. The key pressed comes back signed to
/// <c>POST /api/v1/channels/voice/callback</c>.
/// </summary>
public sealed partial class VoiceChannel(
    IHttpClientFactory clients, IOptions<VoiceOptions> options, IOptions<NotificationsOptions> notifications, IConfiguration configuration,
    ActionTokens tokens, ILogger<VoiceChannel> logger) : INotificationChannel
{
    public const string ChannelName = "voice";
    public const string HttpClientName = "notifications-voice";
    public const string CallbackPath = "api/v1/channels/voice/callback";

    public string Name => ChannelName;

    /// <summary>One breaker for the gateway, whoever is called.</summary>
    public string EndpointOf(Destination destination) => ChannelEndpoint.Of(ChannelName, options.Value.Endpoint);

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(destination);
        var settings = options.Value;
        var (gateway, unusable) = HttpDelivery.Gateway(settings.Endpoint, "voice");
        if (gateway is null)
        {
            return unusable!;
        }

        if (PhoneNumber.ToE164(destination.Address) is not { } to)
        {
            return ChannelResult.Permanent("invalid phone number");
        }

        var body = SmsTemplate.Fill(settings.BodyTemplate, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["to"] = to,
            ["text"] = VoiceText.Compose(notice, recipient),
            ["language"] = recipient.PrefersEnglish ? "en-US" : "vi-VN",
            ["reference"] = tokens.Sign(ChatAction.Acknowledge, notice.NotificationId),
            ["callback"] = new Uri(notifications.Value.BaseUrl(configuration["Urls"]), CallbackPath).ToString(),
            ["id"] = notice.SendingKey, // a resend is not a repeat to drop (review L4)
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in settings.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var (answer, failure) = await HttpDelivery.ExchangeAsync(clients.CreateClient(HttpClientName), request, cancellationToken);
        var result = answer is null ? failure! : Classify(answer);
        if (result.Outcome != AttemptOutcome.Delivered)
        {
            LogFailed(logger, notice.NotificationId, result.ProviderResponse);
        }

        return result;
    }

    /// <summary>The HTTP status first (as for SMS), then the call's own status in the body.</summary>
    private static ChannelResult Classify(HttpAnswer answer)
    {
        var outcome = HttpDelivery.OutcomeOf(answer.Status);
        string? callId = null;
        if (outcome == AttemptOutcome.Delivered)
        {
            try
            {
                using var json = JsonDocument.Parse(answer.Body.Length == 0 ? "{}" : answer.Body);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    callId = json.RootElement.TryGetProperty("callId", out var id) ? id.ToString() : null;
                    var status = json.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    outcome = OutcomeOf(status);
                }
            }
            catch (JsonException)
            {
                // Not JSON: the gateway took the call and said no more.
            }
        }

        return new ChannelResult(outcome, answer.Describe(), callId);
    }

    /// <summary>answered/completed: delivered; no-answer/busy (and unknown states): transient; failed/rejected/invalid-number: permanent.</summary>
    public static AttemptOutcome OutcomeOf(string? status)
    {
        var value = status?.Trim() ?? string.Empty;
        return value.Length == 0 || Is(value, "answered", "completed") ? AttemptOutcome.Delivered
            : Is(value, "failed", "rejected", "invalid-number", "invalid", "unreachable-number") ? AttemptOutcome.PermanentFailure
            : AttemptOutcome.TransientFailure;
    }

    private static bool Is(string value, params string[] names) => names.Any(n => string.Equals(value, n, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice call for notification {NotificationId} not answered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
