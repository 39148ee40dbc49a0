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
/// the broker drops <c>_error</c> messages after 30 days (<c>infra/rabbitmq/definitions.json</c>): the <c>IRFaultedMessages</c>
/// alert says so long before. Read with passive declares over a connection of its own, kept between refreshes, each refresh
/// bounded by <see cref="Budget"/> (a broker that does not answer does not hold up the other gauges: the connection's own
/// waits are bounded by it too, and a refresh cut short drops the connection with whatever channel it left open). A queue
/// not declared yet counts none and is looked for again only every <see cref="AbsentRecheck"/>, and after a reconnection:
/// each look at a missing queue is a channel error in the broker's log.
/// </summary>
public sealed class FaultQueuesProbe : IMetricsProbe, IAsyncDisposable
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan AbsentRecheck = TimeSpan.FromMinutes(1);
    private const ushort NotFound = 404;
    private readonly ServiceQueues _queues;
    private readonly MessagingOptions _settings;
    private readonly TimeProvider _time;
    private readonly Gauge _faulted;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _absentUntil = new(StringComparer.Ordinal);
    private IConnection? _connection;
    private bool _disposed;

    public FaultQueuesProbe(ServiceQueues queues, IOptions<MessagingOptions> options, HostMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _queues = queues;
        _settings = options.Value;
        _time = time;
        _faulted = metrics.Gauge("ir_messages_faulted",
            "Messages in a service queue's fault queue on RabbitMQ: _error (not parked, or dead-lettered by the broker), _skipped (no consumer knows them) / Tin nằm trong hàng đợi lỗi",
            "queue", "kind");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var queues = _queues.Names;
        if (queues.Count == 0)
        {
            return; // a Host whose roles consume nothing from the broker
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        await _gate.WaitAsync(budget.Token);
        try
        {
            if (_disposed)
            {
                return;
            }

            var connection = _connection is { IsOpen: true } open ? open : await ReconnectAsync(budget.Token);
            IChannel? channel = null;
            try
            {
                var now = _time.GetUtcNow();
                foreach (var queue in queues)
                {
                    foreach (var (kind, name) in new[] { ("error", QueueTopology.ErrorQueue(queue)), ("skipped", QueueTopology.SkippedQueue(queue)) })
                    {
                        if (_absentUntil.TryGetValue(name, out var until) && now < until)
                        {
                            _faulted.WithLabels(queue, kind).Set(0);
                            continue;
                        }

                        if (channel is not { IsOpen: true })
                        {
                            if (channel is not null)
                            {
                                await channel.DisposeAsync();
                            }

                            channel = await connection.CreateChannelAsync(cancellationToken: budget.Token);
                        }

                        var count = await CountAsync(channel, name, budget.Token);
                        if (count is null)
                        {
                            _absentUntil[name] = now + AbsentRecheck;
                        }
                        else
                        {
                            _absentUntil.Remove(name);
                        }

                        _faulted.WithLabels(queue, kind).Set(count ?? 0);
                    }
                }
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The broker did not answer within the budget: drop the connection (and any channel a cancelled open left
                // registered in it) rather than wait on it; the next refresh connects again.
                channel = null;
                await DropAsync();
                throw;
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

    private async Task DropAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.AbortAsync(TimeSpan.FromSeconds(1));
            await connection.DisposeAsync();
        }
    }

    /// <summary>The messages <paramref name="queue"/> holds; null when it does not exist (which closes the channel: the caller opens another).</summary>
    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason is { ReplyCode: NotFound })
        {
            return null;
        }
    }

    private async Task<IConnection> ReconnectAsync(CancellationToken cancellationToken)
    {
        await DropAsync();
        _absentUntil.Clear(); // a queue may have been declared (or migrated) meanwhile
        var broker = RabbitMqAddress.Parse(_settings.RabbitMqUri, _settings.RabbitMqClusterNodes);
        _connection = await BrokerConnections.OpenAsync(broker, _settings, "incidentresponse-fault-queues", cancellationToken, Budget);
        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
