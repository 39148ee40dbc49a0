using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Messaging.Quorum;
using Microsoft.Extensions.Options;
using Prometheus;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// On RabbitMQ, the messages lying in this Host's fault queues (<c>ir_messages_faulted</c>, labels queue and kind): a
/// service queue's <c>_error</c> (what the database's parking could not take, or what the broker dead-lettered past its
/// delivery limit) and <c>_skipped</c> (what no consumer of the queue knows). Nothing takes them out again on its own, and
/// the broker drops them after 30 days (<c>infra/rabbitmq/definitions.json</c>): the <c>IRFaultedMessages</c> alert says
/// so long before. Read with passive declares over a connection of its own, kept between refreshes; a queue not declared
/// yet counts none.
/// </summary>
public sealed class FaultQueuesProbe : IMetricsProbe, IAsyncDisposable
{
    private const ushort NotFound = 404;
    private readonly ServiceQueues _queues;
    private readonly MessagingOptions _settings;
    private readonly Gauge _faulted;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public FaultQueuesProbe(ServiceQueues queues, IOptions<MessagingOptions> options, HostMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _queues = queues;
        _settings = options.Value;
        _faulted = metrics.Gauge("ir_messages_faulted",
            "Messages in a service queue's fault queue on RabbitMQ: _error (not parked, or dead-lettered by the broker), _skipped (no consumer knows them) / Tin nằm trong hàng đợi lỗi",
            "queue", "kind");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var connection = _connection is { IsOpen: true } open ? open : await ReconnectAsync(cancellationToken);
            IChannel? channel = null;
            try
            {
                foreach (var queue in _queues.Names)
                {
                    foreach (var (kind, name) in new[] { ("error", QueueTopology.ErrorQueue(queue)), ("skipped", QueueTopology.SkippedQueue(queue)) })
                    {
                        if (channel is not { IsOpen: true })
                        {
                            if (channel is not null)
                            {
                                await channel.DisposeAsync();
                            }

                            channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                        }

                        _faulted.WithLabels(queue, kind).Set(await CountAsync(channel, name, cancellationToken));
                    }
                }
            }
            finally
            {
                if (channel is not null)
                {
                    await channel.DisposeAsync();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The messages <paramref name="queue"/> holds, 0 when it does not exist (which closes the channel: the caller opens another).</summary>
    private static async Task<uint> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason is { ReplyCode: NotFound })
        {
            return 0;
        }
    }

    private async Task<IConnection> ReconnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } broken)
        {
            _connection = null;
            await broken.DisposeAsync();
        }

        var broker = RabbitMqAddress.Parse(_settings.RabbitMqUri, _settings.RabbitMqClusterNodes);
        _connection = await BrokerConnections.OpenAsync(broker, _settings, "incidentresponse-fault-queues", cancellationToken);
        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}
