using System.Text.Json.Nodes;
using IncidentResponse.Notifications.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// A Zalo Notification Service template message to a phone number (<c>POST {ZnsApiBaseUrl}message/template</c> with
/// <c>phone</c> as <c>84…</c>, <c>template_id</c>, <c>template_data</c> and <c>tracking_id</c> = the notification id). The
/// template was approved by Zalo, so only its parameters vary (<see cref="ZaloOptions.ZnsTemplateData"/>): the number,
/// severity, unit, acknowledgement code and link, and the title only where the TLP and the disclosure policy allow it.
/// The person acknowledges with the template's button (the signed acknowledgement link) or by replying with the code.
/// </summary>
public sealed partial class ZnsChannel(IHttpClientFactory clients, IOptions<ZaloOptions> options, ZaloTokens tokens, ILogger<ZnsChannel> logger) : INotificationChannel
{
    public const string ChannelName = "zns";

    public string Name => ChannelName;

    public string EndpointOf(Destination destination) => ChannelEndpoint.Of(ChannelName, options.Value.ZnsApiBaseUrl.ToString());

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(destination);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ZnsTemplateId))
        {
            return ChannelResult.Permanent("no ZNS template configured");
        }

        if (PhoneNumber.ToE164(destination.Address) is not { } phone)
        {
            return ChannelResult.Permanent("invalid phone number");
        }

        var (token, failure) = await tokens.AccessTokenAsync(cancellationToken);
        if (token is null)
        {
            return failure!;
        }

        var data = new JsonObject();
        foreach (var (name, value) in TemplateData(settings.ZnsTemplateData, ChatText.Allowed(notice), recipient?.PrefersEnglish == true))
        {
            data[name] = value;
        }

        var body = new JsonObject
        {
            ["phone"] = phone.TrimStart('+'), // Zalo writes numbers with the country code and no '+': 84912345678
            ["template_id"] = settings.ZnsTemplateId,
            ["template_data"] = data,
            ["tracking_id"] = notice.NotificationId.ToString("N"),
        };
        var (result, refused) = await ZaloApi.PostAsync(clients.CreateClient(ZaloTokens.HttpClientName), new Uri(settings.ZnsApiBaseUrl, "message/template"),
            token, body, "msg_id", cancellationToken);
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

    /// <summary>The template's parameters with their placeholders filled; each value at most 200 characters.</summary>
    internal static IEnumerable<(string Name, string Value)> TemplateData(IReadOnlyDictionary<string, string> template, Notice notice, bool english)
    {
        var link = notice.AcknowledgeLink.ToString();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{number}"] = notice.IncidentNumber,
            ["{severity}"] = NoticeFormat.SeverityName(notice.SeverityLevel, english),
            ["{unit}"] = english ? notice.UnitNameEn : notice.UnitNameVi,
            ["{title}"] = notice.Withheld ? string.Empty : notice.Title ?? string.Empty,
            ["{code}"] = notice.AcknowledgeCode,
            ["{link}"] = link,
            ["{token}"] = link[(link.TrimEnd('/').LastIndexOf('/') + 1)..],
        };
        foreach (var (name, pattern) in template)
        {
            var value = values.Aggregate(pattern, (text, v) => text.Replace(v.Key, v.Value, StringComparison.Ordinal));
            yield return (name, value.Length <= 200 ? value : value[..200]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ZNS message for notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
