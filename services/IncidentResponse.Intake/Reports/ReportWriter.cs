using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Group commit for intake, one per Host. Reports submitted at the same moment wait here and are stored
/// together by <see cref="ReportInbox.AcceptAllAsync"/>: one transaction and one announcement for up to
/// <see cref="IntakeOptions.WriteBatchSize"/> of them, by at most <see cref="IntakeOptions.Writers"/> batches
/// at once. Nothing waits for a batch to fill: a writer takes whatever is waiting, so a lone report goes at
/// once and a burst shares its round trips and its commit (one durable commit per report capped intake).
/// Each submitter is answered only after the commit that stored its report. A failed batch is split in
/// halves and each half written again, down to the one report that cannot be stored, which alone gets
/// the error. A submitter that stops waiting (a client that hung up) does not cancel the batch.
/// </summary>
public sealed partial class ReportWriter(IServiceScopeFactory scopes, IOptions<IntakeOptions> options, ILogger<ReportWriter> logger)
{
    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>();
    private int _writers;
    private long _batches;

    /// <summary>Batches written so far (a batch that failed and was split counts once per attempt).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Completes once the report is committed (or found by its idempotency key), or with why it was not stored.</summary>
    public Task<AcceptResult> AcceptAsync(Submission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var waiting = new Waiting(submission, new TaskCompletionSource<AcceptResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiting.Writer.TryWrite(waiting);
        StartWriterIfNeeded();
        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The database refused the report's own rows, not for now but for good: a value it does not hold
    /// (PostgreSQL class 22) or a constraint (class 23; SQLite's constraint errors). Not a race for the idempotency key.
    /// </summary>
    public static bool IsRefused(DbUpdateException exception) => !ReportInbox.IsIdempotencyRace(exception) && exception?.InnerException switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException { SqliteErrorCode: 19 } => true,
        _ => false,
    };

    /// <summary>A failure to reach the database that may pass by itself (the provider says so), anywhere in the chain.</summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
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
                while (batch.Count < Math.Max(1, options.Value.WriteBatchSize) && _waiting.Reader.TryRead(out var next))
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
            await using var scope = scopes.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<ReportInbox>();
            // Not the submitters' tokens: the batch serves several, and a short write is let finish.
            var results = batch.Count == 1
                ? [await inbox.AcceptAsync(batch[0].Submission, CancellationToken.None)]
                : await inbox.AcceptAllAsync(batch.Select(w => w.Submission).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            // The database is out of reach (restarting, failing over): nothing was stored, and trying each half
            // would only make everyone wait longer. Each submitter hears so (a 503) and sends again.
            batch.ForEach(w => w.Done.TrySetException(ex));
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            var failure = ex.GetType().Name;
            LogBatchFailed(logger, batch.Count, failure);
        }
        catch (DbUpdateException ex) when (IsRefused(ex))
        {
            var failure = (ex.InnerException ?? ex).GetType().Name;
            LogRefused(logger, batch[0].Submission.Origin.Channel, failure);
            batch[0].Done.TrySetResult(new AcceptResult.Unstorable((ex.InnerException as PostgresException)?.SqlState ?? "constraint"));
            return;
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        var half = batch.Count / 2;
        await WriteAsync(batch[..half]);
        await WriteAsync(batch[half..]);
    }

    private sealed record Waiting(Submission Submission, TaskCompletionSource<AcceptResult> Done);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} reports could not be stored ({Exception}); storing its halves")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a report from channel {Channel} ({Exception}); nothing was stored")]
    private static partial void LogRefused(ILogger logger, string channel, string exception);
}
