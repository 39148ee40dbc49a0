using System.Threading.Channels;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Group commit for triage. Reports consumed at the same moment wait here and are triaged together,
/// one transaction for up to <see cref="TriageOptions.BatchSize"/> of them, by at most
/// <see cref="TriageOptions.Writers"/> batches at once. Nothing waits for a batch to fill: a writer
/// takes whatever is waiting, so a lone report goes at once and a burst shares its round trips and
/// commits (one report per transaction cost about a dozen round trips each and capped ingest).
/// When a batch fails, its reports are triaged again one by one, so a report that cannot be triaged
/// fails only its own message and the others are committed.
/// </summary>
public sealed partial class TriageBatcher(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger<TriageBatcher> logger)
{
    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>();
    private int _writers;
    private long _batches;

    /// <summary>Transactions begun for batches so far (a batch that failed and was split counts once).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Completes when the report is committed (by this or an earlier delivery), or fails with the reason it could not be.</summary>
    public Task TriageAsync(ReportReceived message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var waiting = new Waiting(message, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiting.Writer.TryWrite(waiting);
        StartWriterIfNeeded();
        // A cancelled wait leaves the report in its batch: committed or not, a later delivery finds out.
        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Completes when every one of the reports is committed, or fails with the first reason one could not be
    /// (the others are committed all the same: a batch that fails is split).
    /// </summary>
    public Task TriageAsync(IReadOnlyList<ReportReceived> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Task.WhenAll(messages.Select(m => TriageAsync(m, cancellationToken)));
    }

    private void StartWriterIfNeeded()
    {
        while (_waiting.Reader.Count > 0)
        {
            var writers = Volatile.Read(ref _writers);
            if (writers >= Math.Max(1, options.Value.Writers))
            {
                return; // a running writer takes it: each checks for more before it stops
            }

            if (Interlocked.CompareExchange(ref _writers, writers + 1, writers) == writers)
            {
                _ = Task.Run(WriteWhileWaitingAsync);
                return;
            }
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
                while (batch.Count < Math.Max(1, options.Value.BatchSize) && _waiting.Reader.TryRead(out var next))
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
            Interlocked.Decrement(ref _writers);
            // A report that arrived after this writer last looked, while all writers were busy, is not left behind.
            StartWriterIfNeeded();
        }
    }

    private async Task WriteAsync(List<Waiting> batch)
    {
        Interlocked.Increment(ref _batches);
        try
        {
            // Not the consumers' tokens: the batch serves several, and a short write is let finish.
            await TriageAsync(batch.Select(w => w.Message).ToList());
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
                await TriageAsync([waiting.Message]);
                waiting.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                waiting.Done.TrySetException(ex);
            }
        }
    }

    private async Task TriageAsync(IReadOnlyCollection<ReportReceived> messages)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync(messages, CancellationToken.None);
    }

    private sealed record Waiting(ReportReceived Message, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Information, Message = "A triage batch of {Count} reports failed ({Exception}); triaging them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exception);
}
