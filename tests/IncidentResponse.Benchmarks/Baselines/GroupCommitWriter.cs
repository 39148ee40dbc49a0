using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace IncidentResponse.Benchmarks.Baselines;

/// <summary>
/// B1's storage: one writer loop takes every report that waits, stores them with one multi-row INSERT
/// (one statement, one commit, one fsync), then answers them all. With <see cref="AfterCommit"/> (B2) each
/// stored report is also published before its answer.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _source;
    private readonly Task _loop;

    public GroupCommitWriter(NpgsqlDataSource source, Func<IReadOnlyList<(long Id, string Token)>, Task>? afterCommit = null)
    {
        _source = source;
        AfterCommit = afterCommit;
        _loop = Task.Run(RunAsync);
    }

    public Func<IReadOnlyList<(long Id, string Token)>, Task>? AfterCommit { get; }

    /// <summary>Commits taken (each covers every report that waited).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _commits;

    private sealed record Pending(string Token, string Body, TaskCompletionSource Stored);

    /// <summary>Completes once the report is committed (and published, for B2).</summary>
    public Task StoreAsync(string token, string body)
    {
        var pending = new Pending(token, body, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Stored.Task : Task.FromException(new InvalidOperationException("the writer stopped"));
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 2_000 && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var stored = new List<(long, string)>(batch.Count);
                await using (var command = _source.CreateCommand(
                    "INSERT INTO reports (token, body) SELECT t, b::jsonb FROM unnest(@t, @b) AS u(t, b) RETURNING id, token"))
                {
                    command.Parameters.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. batch.Select(p => p.Token)] });
                    command.Parameters.Add(new NpgsqlParameter<string[]>("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. batch.Select(p => p.Body)] });
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        stored.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                Interlocked.Increment(ref _commits);
                if (AfterCommit is { } publish)
                {
                    await publish(stored);
                }

                batch.ForEach(p => p.Stored.TrySetResult());
            }
#pragma warning disable CA1031 // every waiting request gets the failure
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Stored.TrySetException(ex));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
