using System.Collections.Concurrent;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>Whether every service database of this Host is migrated and usable; awaited by consumers and relays.</summary>
public sealed class DatabaseStatus
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Readable reasons why a schema is not ready yet, by schema.</summary>
    public IReadOnlyDictionary<string, string> Problems => _problems;

    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void ReportProblem(string schema, string reason) => _problems[schema] = reason;

    internal void ReportMigrated(string schema) => _problems.TryRemove(schema, out _);

    internal void ReportAllReady()
    {
        _problems.Clear();
        _ready.TrySetResult();
    }
}
