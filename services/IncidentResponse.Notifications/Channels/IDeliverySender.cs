namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Sends a notice to one destination through its channel inside that channel's and endpoint's
/// resilience pipeline (time-out, retry with backoff and jitter for transient failures only,
/// circuit breaker per endpoint) and reports every try. It does not throw for delivery failures.
/// </summary>
public interface IDeliverySender
{
    Task<DeliveryReport> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken);
}
