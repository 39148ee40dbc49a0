using MassTransit;
using MassTransit.RetryPolicies;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Outermost filter of a receive endpoint's message pipe, outside the quick retries. A message that
/// still fails is stored for redelivery (<see cref="DeferredMessageStore"/>) and acknowledged; the
/// faults the retries collected are dropped. While the database does not answer, the message is held
/// unacknowledged until it can be stored. When it cannot be stored at all, the faults are raised and the
/// exception goes on: MassTransit's normal fault path (<c>&lt;queue&gt;_error</c>). A redelivered message
/// that succeeds removes its stored row.
/// </summary>
public sealed class ParkingFilter<T>(DeferredMessageStore store, string queue) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Collects the faults the retries inside raise when they give up, so none is published for a
        // message that is only deferred (Retry.None handles every exception: all are held here).
        var holding = new RetryConsumeContext<T>(context, Retry.None, null);
        try
        {
            await next.Send(holding);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The Host is stopping: the transport returns the message to its queue.
            throw;
        }
        catch (Exception ex)
        {
            if (!await store.DeferAsync(queue, context, ex))
            {
                await holding.NotifyPendingFaults();
                throw;
            }

            await context.NotifyConsumed(context, context.ReceiveContext.ElapsedTime, nameof(ParkingFilter<T>));
            return;
        }

        if (context.Headers.TryGetHeader(RedeliveryHeaders.Attempt, out _) && context.MessageId is { } messageId)
        {
            await store.ForgetAsync(queue, messageId);
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("parking");
}
