using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// A consumer in this process that takes a message of <see cref="MessageType"/> straight from the outbox relay that
/// would publish it, instead of through the broker. Only for a message that one consumer acts on (one queue, no other
/// subscriber), such as a report's announcement to triage: published, it would reach this role in this Host or in
/// another, which does the same. The message's row stays in the outbox until <see cref="ConsumeAsync"/> has completed
/// (committed), so delivery stays at least once; when it fails or times out, the message is published as before
/// (the broker's retries and parking take over).
/// </summary>
public interface ILocalConsumer
{
    Type MessageType { get; }

    /// <summary>The queue its broker consumer reads (<c>triage-report-received</c>), for <see cref="ConsumerMetrics"/>.</summary>
    string Queue { get; }

    /// <summary>Completes once the message's effect is committed; idempotent, as every consumer is.</summary>
    Task ConsumeAsync(object message, CancellationToken cancellationToken);
}

/// <summary>The local consumers of this Host by message type (none when <see cref="OutboxOptions.LocalDelivery"/> is off), timed as the broker's consumers are.</summary>
public sealed partial class LocalConsumers(
    IEnumerable<ILocalConsumer> consumers, IOptions<OutboxOptions> options, TimeProvider time, ILogger<LocalConsumers> logger, ConsumerMetrics? metrics = null)
{
    private readonly Dictionary<Type, ILocalConsumer> _byType = options.Value.LocalDelivery
        ? consumers.GroupBy(c => c.MessageType).ToDictionary(g => g.Key, g => g.First())
        : [];

    /// <summary>
    /// Hands <paramref name="message"/> to its local consumer; true once it completed, false when there is none, or it failed,
    /// or it was not done within half of <see cref="OutboxOptions.ClaimLease"/>.
    /// </summary>
    public async Task<bool> TryConsumeAsync(object message, Type messageType, CancellationToken cancellationToken)
    {
        if (!_byType.TryGetValue(messageType, out var consumer))
        {
            return false;
        }

        var started = time.GetTimestamp();
        var failed = true;
        // Half the claim's lease at most: what is not done by then still has time to go through the broker.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.ClaimLease / 2);
        try
        {
            await consumer.ConsumeAsync(message, bounded.Token);
            failed = false;
            return true;
        }
#pragma warning disable CA1031 // Whatever failed, the broker's path takes the message: published, it is retried and parked as any other.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ConsumerMetrics.Label(messageType), consumer.Queue,
                bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? "not done within half the claim's lease" : Observability.ReadableConsoleFormatter.Reasons(ex));
            return false;
        }
        finally
        {
            metrics?.Consumed(consumer.Queue, ConsumerMetrics.Label(messageType), time.GetElapsedTime(started), failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} handed to {Queue}'s consumer in this Host failed ({Reason}); published through the broker instead")]
    private static partial void LogFailed(ILogger logger, string messageType, string queue, string reason);
}

public static class LocalConsumerExtensions
{
    /// <summary>Lets this Host's outbox relays hand <typeparamref name="TConsumer"/>'s message to it in memory (see <see cref="ILocalConsumer"/>).</summary>
    public static IServiceCollection AddLocalConsumer<TConsumer>(this IServiceCollection services)
        where TConsumer : class, ILocalConsumer
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILocalConsumer, TConsumer>());
        return services;
    }
}
