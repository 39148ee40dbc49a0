using MassTransit.Testing;

namespace IncidentResponse.Testing;

/// <summary>
/// Questions to MassTransit's test harness that cannot hang. Its message lists wait for more messages until the bus has
/// been idle a while, which a bus whose consumers keep working never is: a check for a message that never came then
/// blocked its caller for good (an escalation test held a full run for 18 minutes). Each check here gives up after
/// <see cref="Patience"/> and says no, so the caller's own deadline decides.
/// </summary>
public static class HarnessChecks
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>Whether the message published with <paramref name="messageId"/> has been consumed (as a <typeparamref name="T"/>).</summary>
    public static bool WasConsumed<T>(this ITestHarness harness, Guid messageId, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(harness);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        check.CancelAfter(Patience);
        try
        {
            return harness.Consumed.Select<T>(c => c.Context.MessageId == messageId, check.Token).Any();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
