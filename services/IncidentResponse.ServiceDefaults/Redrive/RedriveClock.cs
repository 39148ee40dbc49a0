using IncidentResponse.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Redrive;

/// <summary>
/// When what a service sent and nobody has answered yet is sent again. On RabbitMQ an unanswered message
/// may still be queued, so it is sent again only after a while. The in-memory bus of the embedded default
/// loses at a crash whatever it held: everything sent before this process started and not answered is sent
/// again at once.
/// </summary>
public sealed class RedriveClock(IOptions<MessagingOptions> messaging, TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>True when messages in flight did not survive the previous life of this process.</summary>
    public bool LostAtRestart => messaging.Value.Transport == MessagingTransport.InMemory;

    /// <summary>What was last sent before this instant and is still unanswered is due to be sent again.</summary>
    public DateTimeOffset DueBefore(DateTimeOffset now, TimeSpan resendAfter)
    {
        var due = now - resendAfter;
        return LostAtRestart && due < StartedAt ? StartedAt : due;
    }
}
