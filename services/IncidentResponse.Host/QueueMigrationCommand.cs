using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Messaging.Quorum;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IncidentResponse.Host;

/// <summary>
/// <c>IncidentResponse.Host migrate-queues [--roles …]</c>: declares the selected roles' queues on RabbitMQ again
/// as configured (classic → quorum, keeping their messages; runbooks/operations/broker-cluster.md), prints one
/// line per queue and exits: 0 when every queue is as configured, 1 when one is still in use, 2 when the
/// broker cannot be reached.
/// </summary>
public static class QueueMigrationCommand
{
    public const string Name = "migrate-queues";

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetRequiredService<IOptions<MessagingOptions>>().Value.Transport != MessagingTransport.RabbitMq)
        {
            await Console.Out.WriteLineAsync("migrate-queues: Messaging:Transport is not RabbitMq; nothing to migrate");
            return 0;
        }

        IReadOnlyList<QueueMigration> done;
        try
        {
            done = await services.GetRequiredService<QueueMigrator>().MigrateAsync(cancellationToken);
        }
        catch (BrokerUnreachableException ex)
        {
            await Console.Error.WriteLineAsync($"migrate-queues: the broker cannot be reached: {ex.Message}");
            return 2;
        }

        foreach (var queue in done.Where(q => q.Outcome != QueueMigrationOutcome.Absent))
        {
            await Console.Out.WriteLineAsync($"{queue.Queue}: {queue.Outcome.ToString().ToLowerInvariant()} ({queue.Messages} message(s))");
        }

        return done.Any(q => q.Outcome == QueueMigrationOutcome.InUse) ? 1 : 0;
    }
}
