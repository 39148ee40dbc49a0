using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>
/// Counts the transactions a context commits and, for a test that needs it, holds the first commit until
/// <see cref="Release"/> (so that what is submitted meanwhile waits for the next batch) or fails every commit.
/// </summary>
public sealed class CommitWatch(bool holdFirst = false, bool failEvery = false) : DbTransactionInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private int _commits;

    public int Commits => Volatile.Read(ref _commits);

    /// <summary>Completes when the first commit is being held.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (failEvery)
        {
            throw new InvalidOperationException("the process died before its commit");
        }

        if (holdFirst && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _reached.TrySetResult();
            await _released.Task;
        }

        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }
}
