using MassTransit.Testing;

namespace IncidentResponse.Testing;

/// <summary>
/// Questions to MassTransit's test harness that never wait inside the harness. Its synchronous message lists wait for
/// more messages under a lock and, as they stop, dispose their cancellation registrations while still holding that
/// lock: a cancellation (a deadline, or the harness's inactivity) that fired at that moment waited for the lock while
/// the list waited for it to finish. That deadlock stalled the timer queue it ran on, and with it every test's delays
/// (an escalation run hung until the 10-minute blame timeout on CI). These read what has been recorded so far, with
/// a token cancelled beforehand, so the list never registers a callback; the caller's own loop and deadline decide.
/// </summary>
public static class HarnessChecks
{
    private static readonly CancellationToken Now = new(canceled: true);

    /// <summary>The messages of type <typeparamref name="T"/> consumed so far.</summary>
    public static IReadOnlyList<IReceivedMessage<T>> ConsumedSoFar<T>(this ITestHarness harness)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        return [.. harness.Consumed.Select<T>(Now)];
    }

    /// <summary>The messages of type <typeparamref name="T"/> published so far.</summary>
    public static IReadOnlyList<IPublishedMessage<T>> PublishedSoFar<T>(this ITestHarness harness)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        return [.. harness.Published.Select<T>(Now)];
    }

    /// <summary>Whether the message published with <paramref name="messageId"/> has been consumed (as a <typeparamref name="T"/>).</summary>
    public static bool WasConsumed<T>(this ITestHarness harness, Guid messageId)
        where T : class => harness.ConsumedSoFar<T>().Any(c => c.Context.MessageId == messageId);
}
