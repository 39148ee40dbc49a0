using System.Threading.Channels;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Group commit for routing. States consumed at the same moment wait here and are routed together, one transaction for
/// up to <see cref="BatchSize"/> of them, by one writer. Nothing waits for a batch to fill: the writer takes whatever is
/// waiting, so a lone state goes at once and a burst shares its reads and its commit. When a batch fails, its states are
/// routed again one by one, so a state that cannot be routed fails only its own message (which is retried, then parked)
/// and the others are committed. Each message is acknowledged only once its state is committed.
/// </summary>
public sealed partial class RoutingBatcher(IServiceScopeFactory scopes, DispatchSignal signal, ILogger<RoutingBatcher> logger)
{
    /// <summary>At most this many states are routed in one transaction.</summary>
    public const int BatchSize = 32;

    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>();
    private int _writing;

    /// <summary>Completes when the state is committed, or fails with the reason it could not be.</summary>
    public Task RouteAsync(Guid messageId, IncidentTriaged state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return RouteAsync(messageId, [state], cancellationToken);
    }

    /// <summary>
    /// Completes when every state of one message is committed, or fails with the first reason one could not be
    /// (the message is then delivered again, and the states committed meanwhile change nothing twice).
    /// </summary>
    public Task RouteAsync(Guid messageId, IReadOnlyList<IncidentTriaged> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        var done = new List<Task>(states.Count);
        foreach (var state in states)
        {
            var waiting = new Waiting(messageId, state, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiting.Writer.TryWrite(waiting);
            done.Add(waiting.Done.Task);
        }

        StartWriterIfNeeded();
        // A cancelled wait leaves the states in their batches: committed or not, a later delivery finds out.
        return Task.WhenAll(done).WaitAsync(cancellationToken);
    }

    private void StartWriterIfNeeded()
    {
        if (_waiting.Reader.Count > 0 && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteWhileWaitingAsync);
        }
    }

    private async Task WriteWhileWaitingAsync()
    {
        try
        {
            var batch = new List<Waiting>();
            while (true)
            {
                batch.Clear();
                while (batch.Count < BatchSize && _waiting.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    return;
                }

                await WriteAsync(batch);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
            // A state that arrived after the writer last looked is not left behind.
            StartWriterIfNeeded();
        }
    }

    private async Task WriteAsync(List<Waiting> batch)
    {
        try
        {
            await RouteAsync(batch);
            batch.ForEach(w => w.Done.TrySetResult());
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            var failure = ex.GetType().Name;
            LogBatchFailed(logger, batch.Count, failure);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        foreach (var waiting in batch)
        {
            try
            {
                await RouteAsync([waiting]);
                waiting.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                waiting.Done.TrySetException(ex);
            }
        }
    }

    private async Task RouteAsync(IReadOnlyCollection<Waiting> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var routing = scope.ServiceProvider.GetRequiredService<IncidentRouting>();
        var states = batch.Select(w => (w.MessageId, w.State)).ToList();
        // Not the consumers' tokens: the batch serves several, and a short write is let finish.
        var tries = 0;
        var added = await db.RetryOnConflictAsync(() => routing.ApplyAsync(states, readAllEngagements: tries++ > 0, CancellationToken.None), CancellationToken.None, tries: 10);
        signal.HandOver(added);
    }

    private sealed record Waiting(Guid MessageId, IncidentTriaged State, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Information, Message = "A routing batch of {Count} states failed ({Exception}); routing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exception);
}
