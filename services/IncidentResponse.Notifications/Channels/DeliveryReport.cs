namespace IncidentResponse.Notifications.Channels;

/// <summary>One try as it goes on the record: when, where, how it ended, what the provider said, how long it took.</summary>
public sealed record AttemptRecord(string Channel, string Address, DateTimeOffset StartedAt, AttemptOutcome Outcome, string ProviderResponse, TimeSpan Latency, string? ProviderMessageId = null);

/// <summary>Every try made on one destination by an <see cref="IDeliverySender"/>, and whether the last one delivered.</summary>
public sealed record DeliveryReport(IReadOnlyList<AttemptRecord> Attempts)
{
    public bool Delivered => Attempts.Count > 0 && Attempts[^1].Outcome == AttemptOutcome.Delivered;
}
