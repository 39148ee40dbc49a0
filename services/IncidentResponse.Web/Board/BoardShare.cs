using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Board;

/// <summary>
/// One read of the board serves every viewer of this Host who asks for it within <c>Web:Board:ShareFor</c> (review M5):
/// when a change reaches twenty open boards, they refetch together and make one read, not twenty. A refetch names
/// the change that caused it (<c>changedAt</c>, the time this Host heard it), and only a read begun at or after that
/// moment answers it, so a shared board is never older than the change its viewer was told about. A read in
/// progress is joined; a read that failed, or whose first reader left, is not shared: the viewers waiting on it make
/// one new read together. Reads are kept apart by <c>key</c> (the viewer's role), so nobody is shown what another role's read saw.
/// </summary>
public sealed class BoardShare<T>(TimeProvider time, IOptions<BoardOptions> options)
    where T : class
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Read> reads = new(StringComparer.Ordinal);
    private long readCount;

    /// <summary>How many reads this Host made (each shared by every viewer it answered).</summary>
    public long Reads => Interlocked.Read(ref readCount);

    /// <summary>The board for a viewer of role <paramref name="key"/>: a shared read begun at or after <paramref name="changedAt"/>, or a new one.</summary>
    /// <param name="key">Whose reads may be shared (the viewer's roles).</param>
    /// <param name="changedAt">When this Host heard the change the viewer refetches for (a page load: now); null: any read within ShareFor.</param>
    /// <param name="read">The read itself, through the API as the viewer.</param>
    /// <param name="failed">Whether a result must not be shared (the read found the API unreachable).</param>
    /// <param name="cancellationToken">The viewer's request.</param>
    public async Task<T> GetAsync(string key, DateTimeOffset? changedAt, Func<CancellationToken, Task<T>> read, Func<T, bool> failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(failed);
        var shareFor = options.Value.ShareFor;
        if (shareFor <= TimeSpan.Zero)
        {
            return await ReadAsync(read, cancellationToken);
        }

        TaskCompletionSource<T?>? mine = null;
        Read? shared;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!reads.TryGetValue(key, out shared) || !shared.Answers(now, changedAt, shareFor))
            {
                mine = new(TaskCreationOptions.RunContinuationsAsynchronously);
                shared = new Read(now, mine.Task);
                reads[key] = shared;
            }
        }

        if (mine is null)
        {
            // Joined. A failed or abandoned shared read (null) is forgotten before it answers, so asking again makes
            // one new read for all who waited on it (each round has a reader that is done: this ends).
            return await shared.Result.WaitAsync(cancellationToken) ?? await GetAsync(key, changedAt, read, failed, cancellationToken);
        }

        T? result = null;
        try
        {
            result = await ReadAsync(read, cancellationToken);
            return result;
        }
        finally
        {
            var share = result is not null && !failed(result);
            if (!share)
            {
                lock (gate)
                {
                    if (reads.TryGetValue(key, out var current) && ReferenceEquals(current, shared))
                    {
                        reads.Remove(key);
                    }
                }
            }

            mine.SetResult(share ? result : null);
        }
    }

    private async Task<T> ReadAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref readCount);
        return await read(cancellationToken);
    }

    private sealed record Read(DateTimeOffset StartedAt, Task<T?> Result)
    {
        /// <summary>Whether this read may answer a viewer now: begun after the change it asks about, and in progress or fresh.</summary>
        public bool Answers(DateTimeOffset now, DateTimeOffset? changedAt, TimeSpan shareFor) =>
            (changedAt is null || StartedAt >= changedAt) && (!Result.IsCompleted || (Result.Result is not null && now - StartedAt < shareFor));
    }
}
