using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Contracts;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Stores a message whose consumer failed past its quick retries in its service's database, with
/// its next redelivery time or, past the horizon, as parked; and forgets it once a redelivery succeeds.
/// </summary>
public sealed partial class DeferredMessageStore(
    IServiceScopeFactory scopes,
    QueueDatabases queues,
    DatabaseStatus status,
    IOptions<MessageRedeliveryOptions> options,
    TimeProvider time,
    ILogger<DeferredMessageStore> logger)
{
    /// <summary>How long storing a failure may take before MassTransit's own fault path is used instead.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Whether failures on <paramref name="queue"/> are stored (a queue of a service database of this Host).</summary>
    public bool Handles(string queue) => queues.For(queue) is not null;

    /// <summary>Longest wait between two tries to store a failure while the database does not answer.</summary>
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Stores the failure; while the database does not answer, holds the message (unacknowledged, so the
    /// broker keeps it through a stop or a crash) and tries again with growing waits, up to the redelivery
    /// horizon. False when it cannot be stored at all (no database for it, not a contract) or not within the
    /// horizon: then MassTransit's fault path takes it. A stopping Host ends the wait with the cancellation,
    /// and the transport returns the message to its queue.
    /// </summary>
    public async Task<bool> DeferAsync<T>(string queue, ConsumeContext<T> context, Exception failure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetUtcNow();
        var wait = TimeSpan.FromSeconds(1);
        var outcome = await TryDeferAsync(queue, context, failure);
        if (outcome == DeferOutcome.Unavailable)
        {
            LogHeld(logger, typeof(T).Name, context.MessageId, queue);
        }

        while (outcome == DeferOutcome.Unavailable && time.GetUtcNow() - started < options.Value.Horizon)
        {
            await Task.Delay(wait, time, context.CancellationToken);
            wait = wait * 2 < LongestHold ? wait * 2 : LongestHold;
            outcome = await TryDeferAsync(queue, context, failure);
        }

        if (outcome != DeferOutcome.Stored)
        {
            LogNotStored(logger, typeof(T).Name, queue, outcome == DeferOutcome.NotHandled
                ? "no service database of this Host stores its failures, or it is not a contract"
                : "the database did not answer within the redelivery horizon");
        }

        return outcome == DeferOutcome.Stored;
    }

    private enum DeferOutcome
    {
        Stored,
        NotHandled,
        Unavailable,
    }

    private async Task<DeferOutcome> TryDeferAsync<T>(string queue, ConsumeContext<T> context, Exception failure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(failure);
        var database = queues.For(queue);
        if (database is null || context.MessageId is not { } messageId || typeof(T).Assembly != ContractsAssembly.Assembly)
        {
            return DeferOutcome.NotHandled;
        }

        if (!status.IsReady)
        {
            return DeferOutcome.Unavailable;
        }

        var error = Describe(failure);
        try
        {
            using var timeout = new CancellationTokenSource(StoreTimeout);
            await using var scope = scopes.CreateAsyncScope();
            var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var row = await db.RetryOnConflictAsync(
                () => StoreAsync(db, queue, messageId, context.Message, error, timeout.Token), timeout.Token);
            if (row.State == ParkedWorkStates.Parked)
            {
                LogParked(logger, typeof(T).Name, messageId, queue, row.Attempts, error);
            }
            else
            {
                LogDeferred(logger, typeof(T).Name, messageId, queue, row.Attempts, row.NextAttemptAt!.Value, error);
            }

            return DeferOutcome.Stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var reason = Failures.Describe(ex);
                LogStoreFailed(logger, typeof(T).Name, queue, reason);
            }

            return DeferOutcome.Unavailable;
        }
    }

    /// <summary>Removes the row of a redelivered message its consumer has now applied (or found already applied).</summary>
    public async Task ForgetAsync(string queue, Guid messageId)
    {
        if (queues.For(queue) is not { } database)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(StoreTimeout);
            await using var scope = scopes.CreateAsyncScope();
            var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            await db.DeferredMessages.Where(m => m.Queue == queue && m.MessageId == messageId).ExecuteDeleteAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row is sent once more later; the consumer's inbox makes that a no-op, and it is forgotten then.
            LogNotForgotten(logger, messageId, queue, Failures.Describe(ex));
        }
    }

    private async Task<DeferredMessage> StoreAsync<T>(ServiceDbContext db, string queue, Guid messageId, T message, string error, CancellationToken cancellationToken)
        where T : class
    {
        var now = time.GetUtcNow();
        var row = await db.DeferredMessages.FirstOrDefaultAsync(m => m.Queue == queue && m.MessageId == messageId, cancellationToken);
        if (row is null)
        {
            row = new DeferredMessage
            {
                Id = RowIds.Next(),
                MessageId = messageId,
                Queue = queue,
                MessageType = typeof(T).FullName!,
                Body = OutboxSerializer.Serialize(message),
                FirstError = error,
                LastError = error,
                FirstFailedAt = now,
                State = ParkedWorkStates.Waiting,
            };
            db.DeferredMessages.Add(row);
        }

        row.Attempts++;
        row.LastError = error;
        row.LastFailedAt = now;
        if (now - row.FirstFailedAt >= options.Value.Horizon)
        {
            row.State = ParkedWorkStates.Parked;
            row.NextAttemptAt = null;
        }
        else
        {
            row.State = ParkedWorkStates.Waiting;
            row.NextAttemptAt = now + options.Value.DelayAfter(row.Attempts);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return row;
    }

    /// <summary>The exception's type and the chain of its messages (no stack), cut to the column.</summary>
    internal static string Describe(Exception failure)
    {
        var text = $"{failure.GetType().Name}: {ReadableConsoleFormatter.Reasons(failure)}";
        return text.Length <= DeferredMessage.ErrorLength ? text : text[..(DeferredMessage.ErrorLength - 1)] + "…";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} {MessageId} on {Queue} failed (attempt {Attempts}); redelivered at {NextAttemptAt:O}: {Error}")]
    private static partial void LogDeferred(ILogger logger, string messageType, Guid messageId, string queue, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} on {Queue} failed {Attempts} times past the redelivery horizon and is parked (see /admin/parked-work): {Error}")]
    private static partial void LogParked(ILogger logger, string messageType, Guid messageId, string queue, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A failed {MessageType} on {Queue} could not be stored for redelivery ({Reason}); it goes to MassTransit's error queue ({Queue}_error)")]
    private static partial void LogNotStored(ILogger logger, string messageType, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed {MessageType} {MessageId} on {Queue} cannot be stored for redelivery now (the database does not answer); it is held unacknowledged and stored when the database is back")]
    private static partial void LogHeld(ILogger logger, string messageType, Guid? messageId, string queue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storing a failed {MessageType} on {Queue} failed: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string messageType, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redelivered message {MessageId} on {Queue} succeeded but its row could not be removed now ({Reason}); it is sent once more later")]
    private static partial void LogNotForgotten(ILogger logger, Guid messageId, string queue, string reason);
}
