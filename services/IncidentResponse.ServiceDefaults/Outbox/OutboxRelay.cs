using System.Text.Json;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// Publishes what a context's transactions left in its outbox. Rows are claimed for a lease so
/// several Hosts can share a database; a row whose publisher died is published again when its
/// lease ends. Delivery is therefore at least once, and every consumer is idempotent.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxSignal signal,
    DatabaseStatus database,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly string _instance = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        // And until this Host's receive endpoints are up: a consumer's queue is declared and bound when
        // its endpoint first starts, and a message published before that is routed past it.
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await PublishPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, typeof(TContext).Name, Failures.Describe(ex));
                published = 0;
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }

            if (published < options.Value.BatchSize)
            {
                await signal.WaitAsync(typeof(TContext), options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims, publishes and removes one batch; returns how many messages were published.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var candidates = await db.OutboxMessages
            .Where(m => m.ClaimedUntil == null || m.ClaimedUntil < now)
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var leaseEnd = now + options.Value.ClaimLease;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, _instance).SetProperty(m => m.ClaimedUntil, leaseEnd), cancellationToken);
        var claimed = await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.ClaimedBy == _instance)
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);

        // A claimed batch is published to the end even while the Host stops (the bus stops after the
        // relays): cancelled half-way, its messages would wait out the lease and be logged as faults.
        // The lease bounds how long that may take; what is not confirmed by then goes again later.
        using var publishing = new CancellationTokenSource(options.Value.ClaimLease);
        await Task.WhenAll(claimed.Select(m => PublishAsync(m, publishing.Token)));

        var ids = claimed.Select(m => m.Id).ToList();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(publishing.Token);
        return claimed.Count;
    }

    private Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var type = OutboxSerializer.ResolveType(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, OutboxSerializer.Options)!;
        return bus.Publish(message, type, context => context.MessageId = row.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of {Context} could not be published now: {Reason}; will retry")]
    private static partial void LogFailed(ILogger logger, string context, string reason);
}
