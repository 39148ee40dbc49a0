namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// The <c>Redelivery</c> configuration section: what happens to a message whose consumer keeps failing.
/// A few quick retries in the process first; then the message is stored in its service's database
/// (<c>deferred_messages</c>) and sent back to its queue after growing delays until <see cref="Horizon"/>
/// has passed since its first failure; after that it is parked for a coordinator (console
/// <c>/admin/parked-work</c>, API <c>/api/v1/parked-work</c>).
/// </summary>
public sealed class MessageRedeliveryOptions
{
    public const string Section = "Redelivery";

    public static readonly IReadOnlyList<TimeSpan> DefaultQuickRetries =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    public static readonly IReadOnlyList<TimeSpan> DefaultDelays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15),
    ];

    /// <summary>Pauses between the in-process retries of a failing message (default 0.2, 1, 3 s).</summary>
    public TimeSpan[]? QuickRetries { get; set; }

    /// <summary>Delays before the 1st, 2nd, … redelivery; the last one repeats (default 10 s, 30 s, 1, 2, 5, 10, 15 min).</summary>
    public TimeSpan[]? Delays { get; set; }

    /// <summary>How long after its first failure a message keeps being redelivered before it is parked.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each database's redeliverer looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long <c>inbox_entries</c> are kept (at least twice <see cref="Horizon"/>).</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often old inbox entries are deleted.</summary>
    public TimeSpan InboxPruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Queues whose failures are not stored (MassTransit's own fault path instead): per-Host temporary
    /// queues such as the live board's, which do not outlive the Host that would be sent the message.
    /// </summary>
    public string[]? ExcludedQueuePrefixes { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveQuickRetries => QuickRetries is { } q ? q : DefaultQuickRetries;

    public IReadOnlyList<TimeSpan> EffectiveDelays => Delays is { Length: > 0 } d ? d : DefaultDelays;

    public IReadOnlyList<string> EffectiveExcludedQueuePrefixes => ExcludedQueuePrefixes ?? ["web-board-"];

    public TimeSpan EffectiveInboxRetention => InboxRetention > 2 * Horizon ? InboxRetention : 2 * Horizon;

    /// <summary>The wait before redelivery number <paramref name="attempts"/> (1 after the first failure).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var delays = EffectiveDelays;
        return delays[Math.Clamp(attempts - 1, 0, delays.Count - 1)];
    }
}
