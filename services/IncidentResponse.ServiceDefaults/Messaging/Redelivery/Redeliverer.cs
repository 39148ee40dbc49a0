using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Sends a database's due deferred messages back to their own queue (<c>queue:&lt;name&gt;</c>, on RabbitMQ
/// and in memory alike) with their message id. Before sending, a row's next attempt is moved on by its
/// delay: only one Host sends it (the update is conditional), and a redelivery lost on the way is sent
/// again then. The consumer side forgets the row when the redelivery succeeds, or counts another failure.
/// </summary>
public sealed partial class Redeliverer<TContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    DatabaseStatus database,
    IOptions<MessageRedeliveryOptions> options,
    TimeProvider time,
    ILogger<Redeliverer<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RedeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, typeof(TContext).Name, Failures.Describe(ex));
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Sends the due rows once; returns how many were sent.</summary>
    public async Task<int> RedeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var due = await db.DeferredMessages.AsNoTracking()
            .Where(m => m.State == ParkedWorkStates.Waiting && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var row in due)
        {
            var next = now + options.Value.DelayAfter(row.Attempts);
            var taken = await db.DeferredMessages
                .Where(m => m.Id == row.Id && m.State == ParkedWorkStates.Waiting && m.NextAttemptAt == row.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next), cancellationToken);
            if (taken == 1 && await TrySendAsync(row, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> TrySendAsync(DeferredMessage row, CancellationToken cancellationToken)
    {
        try
        {
            await RedeliveryHeaders.SendAsync(bus, row, cancellationToken);
            LogSent(logger, row.MessageType, row.MessageId, row.Queue, row.Attempts);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotSent(logger, row.MessageId, row.Queue, Failures.Describe(ex));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered {MessageType} {MessageId} to {Queue} after {Attempts} failed attempt(s)")]
    private static partial void LogSent(ILogger logger, string messageType, Guid messageId, string queue, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deferred message {MessageId} could not be sent to {Queue} now ({Reason}); tried again after its next delay")]
    private static partial void LogNotSent(ILogger logger, Guid messageId, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deferred messages of {Context} could not be read now: {Reason}; will retry")]
    private static partial void LogFailed(ILogger logger, string context, string reason);
}
