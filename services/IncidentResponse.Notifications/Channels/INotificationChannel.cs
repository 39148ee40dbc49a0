namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One delivery channel. A channel makes exactly one try and reports how it went; it classifies
/// failures as transient or permanent and does not throw for them (only for cancellation).
/// Retries, time-outs and circuit breaking belong to the <see cref="IDeliverySender"/>.
/// </summary>
public interface INotificationChannel
{
    /// <summary>"email", "webhook" or "sms": the <see cref="Destination.Channel"/> it serves.</summary>
    string Name { get; }

    Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken);

    /// <summary>
    /// The endpoint that actually receives the try (host:port of a webhook URL, the mail relay, the SMS
    /// gateway): the <see cref="IDeliverySender"/> keeps one circuit breaker per channel and endpoint.
    /// By default the host and port of the destination address when it is a URL, else the channel itself.
    /// </summary>
    string EndpointOf(Destination destination) => ChannelEndpoint.Of(Name, destination.Address);
}
