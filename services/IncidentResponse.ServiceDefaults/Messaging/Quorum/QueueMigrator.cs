using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IncidentResponse.ServiceDefaults.Messaging.Quorum;

/// <summary>What the migration did to one queue.</summary>
public enum QueueMigrationOutcome
{
    /// <summary>No such queue: the bus declares it as configured.</summary>
    Absent,

    /// <summary>Already as configured.</summary>
    Unchanged,

    /// <summary>Declared again as configured, with every message it held.</summary>
    Migrated,

    /// <summary>Left as it is: a consumer still listens on it (stop the Hosts first).</summary>
    InUse,
}

/// <summary>One queue's migration: its name, what was done and how many messages were carried over.</summary>
public sealed record QueueMigration(string Queue, QueueMigrationOutcome Outcome, long Messages);

/// <summary>
/// <c>IncidentResponse.Host migrate-queues</c>: declares each of this Host's service queues (and their
/// <c>_error</c> and <c>_skipped</c> queues) again as configured (<see cref="MessagingOptions.RabbitMqQueueType"/>)
/// when the broker has it otherwise (a classic queue of an earlier version cannot simply be declared a quorum
/// queue: PRECONDITION_FAILED), keeping its messages.
/// </summary>
/// <remarks>
/// For a queue <c>q</c> that differs: a queue <c>q.migrating</c> of the new type takes over <c>q</c>'s binding to its
/// exchange (so what is published meanwhile is kept too), every message of <c>q</c> is moved into it (published with
/// its properties and a publisher confirm, then acknowledged), <c>q</c> is deleted and declared again as configured,
/// takes its binding back, and the messages are moved back. A run stopped half-way is finished by the next run
/// (a <c>q.migrating</c> left over is emptied into <c>q</c>). A message is never dropped; one may be carried twice
/// when the run dies between a publish and its acknowledgement, which the consumers' inbox absorbs.
/// </remarks>
public sealed partial class QueueMigrator(IBusControl bus, ServiceQueues queues, IOptions<MessagingOptions> options, ILogger<QueueMigrator> logger)
{
    public const string Suffix = ".migrating";
    private const ushort NotFound = 404;
    private const ushort PreconditionFailed = 406;

    /// <summary>Migrates every service queue of this Host's roles; returns what was done to each.</summary>
    public async Task<IReadOnlyList<QueueMigration>> MigrateAsync(CancellationToken cancellationToken)
    {
        // Building the bus (it is not started) has each receive endpoint write its queue down.
        _ = bus.Address;
        var settings = options.Value;
        var broker = RabbitMqAddress.Parse(settings.RabbitMqUri, settings.RabbitMqClusterNodes);
        await using var connection = await BrokerConnections.OpenAsync(broker, settings, "incidentresponse-migrate-queues", cancellationToken);
        var done = new List<QueueMigration>();
        foreach (var queue in queues.Names)
        {
            done.Add(await MigrateAsync(connection, queue, QueueTopology.ReceiveQueueArguments(queue, settings), cancellationToken));
            foreach (var fault in new[] { QueueTopology.ErrorQueue(queue), QueueTopology.SkippedQueue(queue) })
            {
                done.Add(await MigrateAsync(connection, fault, QueueTopology.FaultQueueArguments(settings), cancellationToken));
            }
        }

        return done;
    }

    private async Task<QueueMigration> MigrateAsync(IConnection connection, string queue, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var temporary = queue + Suffix;
        var temporaryArguments = arguments.Where(a => a.Key == QueueTopology.QueueTypeArgument).ToDictionary(a => a.Key, a => a.Value);
        var exchange = await TryAsync(connection, c => c.ExchangeDeclarePassiveAsync(queue, cancellationToken)) == 0 ? queue : null;
        var consumers = 0u;
        var state = await TryAsync(connection, async c => consumers = (await c.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount);
        if (state == 0)
        {
            state = await TryAsync(connection, c => c.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken));
        }

        var left = await TryAsync(connection, c => c.QueueDeclarePassiveAsync(temporary, cancellationToken)) == 0;
        long moved = 0;
        if (state == PreconditionFailed)
        {
            if (consumers > 0)
            {
                LogInUse(logger, queue, consumers);
                return new QueueMigration(queue, QueueMigrationOutcome.InUse, 0);
            }

            await WithChannelAsync(connection, async c =>
            {
                await c.QueueDeclareAsync(temporary, durable: true, exclusive: false, autoDelete: false, temporaryArguments, cancellationToken: cancellationToken);
                if (exchange is not null)
                {
                    await c.QueueBindAsync(temporary, exchange, string.Empty, cancellationToken: cancellationToken);
                    await c.QueueUnbindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken);
                }
            });
            moved = await EmptyAsync(connection, queue, temporary, cancellationToken);
            state = NotFound;
            left = true;
        }

        if (!left)
        {
            return new QueueMigration(queue, state == 0 ? QueueMigrationOutcome.Unchanged : QueueMigrationOutcome.Absent, 0);
        }

        await WithChannelAsync(connection, async c =>
        {
            await c.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            if (exchange is not null)
            {
                await c.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken);
                await c.QueueUnbindAsync(temporary, exchange, string.Empty, cancellationToken: cancellationToken);
            }
        });
        var carried = Math.Max(moved, await EmptyAsync(connection, temporary, queue, cancellationToken));
        var type = Describe(arguments);
        LogMigrated(logger, queue, type, carried);
        return new QueueMigration(queue, QueueMigrationOutcome.Migrated, carried);
    }

    /// <summary>
    /// Moves every message of <paramref name="from"/> to <paramref name="to"/>, then deletes <paramref name="from"/> once
    /// it counts none (it is bound to nothing by then; quorum queues refuse a delete "if empty").
    /// </summary>
    private static async Task<long> EmptyAsync(IConnection connection, string from, string to, CancellationToken cancellationToken)
    {
        long moved = 0;
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
        while (true)
        {
            while (await channel.BasicGetAsync(from, autoAck: false, cancellationToken) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties);
                await channel.BasicPublishAsync(string.Empty, to, mandatory: true, properties, message.Body.ToArray(), cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                moved++;
            }

            if ((await channel.QueueDeclarePassiveAsync(from, cancellationToken)).MessageCount == 0)
            {
                await channel.QueueDeleteAsync(from, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
                return moved;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on a channel of its own; 0, or the broker's reply code when it refused (the channel is then closed).</summary>
    private static async Task<ushort> TryAsync(IConnection connection, Func<IChannel, Task> action)
    {
        try
        {
            await WithChannelAsync(connection, action);
            return 0;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason is { ReplyCode: NotFound or PreconditionFailed } reason)
        {
            return reason.ReplyCode;
        }
    }

    private static async Task WithChannelAsync(IConnection connection, Func<IChannel, Task> action)
    {
        var channel = await connection.CreateChannelAsync();
        try
        {
            await action(channel);
        }
        finally
        {
            try
            {
                await channel.DisposeAsync();
            }
            catch (AlreadyClosedException)
            {
                // closed by the broker's refusal
            }
        }
    }

    private static string Describe(Dictionary<string, object?> arguments) =>
        arguments.TryGetValue(QueueTopology.QueueTypeArgument, out var type) ? $"{type}" : "classic";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} was not migrated: {Consumers} consumer(s) still listen on it; stop the Hosts and run migrate-queues again")]
    private static partial void LogInUse(ILogger logger, string queue, uint consumers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} declared again as {Type} with its {Messages} message(s)")]
    private static partial void LogMigrated(ILogger logger, string queue, string type, long messages);
}
