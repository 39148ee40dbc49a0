using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// Receive endpoints whose consumer only hands its message to a group-commit batcher (triage's reports, notifications'
/// routing) and waits for the batch to commit. The batcher, not the endpoint, bounds the database work: at most its writers' transactions run
/// at once, however many messages wait in it. So such an endpoint takes many messages at once
/// (<see cref="MessagingOptions.GroupCommitConcurrency"/>), where the other endpoints take few
/// (<see cref="MessagingOptions.RabbitMqConcurrency"/>, which keeps a backlog from racing hundreds of transactions);
/// at eight at once the batches were as small as the eight messages and the writer waited for them. For routing,
/// eight at once split each wave of incidents into batches routed one after the other: the closed loop's longest stage.
/// </summary>
public static class GroupCommitEndpoints
{
    /// <summary>Adds the consumer, its endpoint marked as feeding a group commit.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddGroupCommitConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSingleton(new GroupCommitEndpoint(new ServiceEndpointNameFormatter().Consumer<TConsumer>()));
        return bus.AddConsumer<TConsumer>();
    }

    /// <summary>
    /// What an endpoint processes at once and prefetches (null: the transport's own default, or the bus's prefetch):
    /// <see cref="MessagingOptions.ConcurrentMessageLimit"/> for every endpoint when set; otherwise, on RabbitMQ,
    /// <see cref="MessagingOptions.GroupCommitConcurrency"/> and twice as many prefetched for a group-commit endpoint
    /// and <see cref="MessagingOptions.RabbitMqConcurrency"/> for the others.
    /// </summary>
    public static (int? Limit, int? Prefetch) Concurrency(MessagingOptions options, bool groupCommit)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConcurrentMessageLimit > 0)
        {
            return (options.ConcurrentMessageLimit, null);
        }

        if (options.Transport != MessagingTransport.RabbitMq)
        {
            return (null, null);
        }

        return groupCommit
            ? (options.GroupCommitConcurrency, Math.Max(options.GroupCommitConcurrency * 2, options.PrefetchCount))
            : (MessagingOptions.RabbitMqConcurrency, null);
    }

    /// <summary>True when <paramref name="queue"/> is the endpoint of a consumer added with <see cref="AddGroupCommitConsumer{TConsumer}"/>.</summary>
    public static bool IsGroupCommit(this IServiceProvider services, string queue) =>
        services.GetServices<GroupCommitEndpoint>().Any(q => string.Equals(q.Name, queue, StringComparison.Ordinal));
}

/// <summary>The queue of an endpoint that feeds a group commit (see <see cref="GroupCommitEndpoints"/>).</summary>
public sealed record GroupCommitEndpoint(string Name);
