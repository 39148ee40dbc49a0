using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging.Quorum;

/// <summary>
/// The arguments of a service's queues on RabbitMQ, the one place both the bus and the queue migration
/// (<see cref="QueueMigrator"/>) take them from, so that what one declares the other finds equal.
/// </summary>
/// <remarks>
/// With quorum queues, a receive queue (<c>&lt;queue&gt;</c>) carries a delivery limit and dead-letters what passes
/// it to the exchange and queue <c>&lt;queue&gt;_error</c>, MassTransit's own fault queue, at least once. The
/// limit counts only deliveries that came back unsettled (a Host stopped or died holding the message, its
/// connection broke): a consumer's failure is retried in the process and then stored in the service's
/// database and acknowledged (<c>Redelivery</c>, parked work), so the database's parking always comes first
/// and a message that only ever failed never reaches the limit. What does reach it (a message that took
/// <see cref="MessagingOptions.RabbitMqDeliveryLimit"/> Hosts or connections down with it) lands in
/// <c>&lt;queue&gt;_error</c>, is kept there 30 days (policy in infra/rabbitmq/definitions.json) and is moved
/// back by hand like any faulted message (runbooks/operations/parked-work.md). The <c>_error</c> and
/// <c>_skipped</c> queues are quorum queues without limit or dead-lettering.
/// </remarks>
public static class QueueTopology
{
    public const string QueueTypeArgument = "x-queue-type";
    public const string DeliveryLimitArgument = "x-delivery-limit";
    public const string DeadLetterExchangeArgument = "x-dead-letter-exchange";
    public const string DeadLetterStrategyArgument = "x-dead-letter-strategy";
    public const string OverflowArgument = "x-overflow";

    /// <summary>MassTransit's fault queue of <paramref name="queue"/> (and its exchange).</summary>
    public static string ErrorQueue(string queue) => queue + "_error";

    /// <summary>MassTransit's queue (and exchange) for messages no consumer of <paramref name="queue"/> takes.</summary>
    public static string SkippedQueue(string queue) => queue + "_skipped";

    /// <summary>The arguments of the receive queue <paramref name="queue"/>; none for a classic queue.</summary>
    public static Dictionary<string, object?> ReceiveQueueArguments(string queue, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RabbitMqQueueType != RabbitMqQueueType.Quorum)
        {
            return [];
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [QueueTypeArgument] = "quorum",
            [DeliveryLimitArgument] = DeliveryLimit(options),
            [DeadLetterExchangeArgument] = ErrorQueue(queue),
            // At-least-once dead-lettering keeps a message until the _error queue confirmed it; it needs
            // reject-publish overflow, which never applies here (no length limit is set).
            [DeadLetterStrategyArgument] = "at-least-once",
            [OverflowArgument] = "reject-publish",
        };
    }

    /// <summary>The arguments of a <c>_error</c> or <c>_skipped</c> queue; none for a classic queue.</summary>
    public static Dictionary<string, object?> FaultQueueArguments(MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RabbitMqQueueType == RabbitMqQueueType.Quorum
            ? new Dictionary<string, object?>(StringComparer.Ordinal) { [QueueTypeArgument] = "quorum" }
            : [];
    }

    /// <summary>Makes a service's receive endpoint a quorum queue with its limit and dead-lettering (nothing for classic).</summary>
    public static void ApplyToReceiveEndpoint(IRabbitMqReceiveEndpointConfigurator endpoint, string queue, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (options.RabbitMqQueueType != RabbitMqQueueType.Quorum)
        {
            return;
        }

        endpoint.SetQuorumQueue();
        foreach (var (key, value) in ReceiveQueueArguments(queue, options))
        {
            endpoint.SetQueueArgument(key, value);
        }

        // Declares the dead-letter exchange and queue with the endpoint, so that nothing dead-lettered
        // before the first fault is dropped for want of them; the same queue MassTransit faults to.
        endpoint.BindDeadLetterQueue(ErrorQueue(queue), ErrorQueue(queue), q =>
        {
            foreach (var (key, value) in FaultQueueArguments(options))
            {
                q.SetQueueArgument(key, value);
            }
        });
    }

    /// <summary>
    /// MassTransit declares <c>_error</c> and <c>_skipped</c> with the receive queue's arguments: they keep its
    /// type, without its limit and dead-lettering (a fault queue dead-lettering to itself).
    /// </summary>
    public static void ApplyToFaultQueues(IRabbitMqSendTopologyConfigurator topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        topology.ConfigureErrorSettings = RemoveReceiveOnlyArguments;
        topology.ConfigureDeadLetterSettings = RemoveReceiveOnlyArguments;
    }

    private static void RemoveReceiveOnlyArguments(IRabbitMqQueueBindingConfigurator queue)
    {
        queue.SetQueueArgument(DeliveryLimitArgument, null);
        queue.SetQueueArgument(DeadLetterExchangeArgument, null);
        queue.SetQueueArgument(DeadLetterStrategyArgument, null);
        queue.SetQueueArgument(OverflowArgument, null);
    }

    private static int DeliveryLimit(MessagingOptions options) =>
        options.RabbitMqDeliveryLimit > 0 ? options.RabbitMqDeliveryLimit : MessagingOptions.DefaultDeliveryLimit;
}
