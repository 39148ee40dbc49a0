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
}
