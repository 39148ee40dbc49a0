namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>The <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often a relay looks for messages committed by other processes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed message is reserved for the relay that claimed it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a relay waits, after publishing what this Host's commits handed it, before it deletes those rows
    /// (in one statement for all it published meanwhile, or at once when a batch is full). Until then they stay
    /// claimed by this Host; a Host that dies in between publishes them again at its next start (same ids).
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a relay holds the answers this Host's commits handed it (<c>ReportsTriaged</c>, <c>IncidentStatesApplied</c>,
    /// <c>EscalationChainsStarted</c>, <c>NotificationsDelivered</c>) to publish those of a kind as one message. Zero
    /// publishes each at once. Nothing on the way to the first notice waits for them; the timeline's delivery entries and a
    /// report's incident number do, by at most this long.
    /// </summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed publications of one row (its type unknown, its body unreadable, its publish refused) before it is quarantined.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a row whose publication failed waits before the relay tries it again.</summary>
    public TimeSpan FailedRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On the in-memory transport, how long a published row is kept before it is deleted. A process that dies
    /// loses what its in-memory bus held: at the next start, what it had published within this time is
    /// published again with the same message id, and consumers that applied it already know it by that id.
    /// It must exceed how long a message waits in memory for its consumers. Zero deletes at once, as on
    /// RabbitMQ, where the broker keeps what it confirmed.
    /// </summary>
    public TimeSpan KeepSentInMemory { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether a message whose one consumer runs in this Host (a report's announcement to triage) is handed to it in memory
    /// by the relay instead of through the broker. Its row stays in the outbox until the consumer has committed, so nothing
    /// is lost; when the consumer fails, the message is published as before. Off, every message goes through the broker.
    /// </summary>
    public bool LocalDelivery { get; set; } = true;
}
