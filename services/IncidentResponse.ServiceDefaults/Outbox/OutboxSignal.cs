using System.Collections.Concurrent;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>Wakes a context's outbox relay as soon as a transaction that may hold outbox messages commits.</summary>
public sealed class OutboxSignal(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<Type, WakeSignal> _signals = new();

    public void Notify(Type contextType) => Signal(contextType).Notify();

    /// <summary>Waits for a commit or until <paramref name="timeout"/>; polling covers commits of other processes.</summary>
    public Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken) =>
        Signal(contextType).WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Dispose();
        }
    }

    private WakeSignal Signal(Type contextType) => _signals.GetOrAdd(ServiceContextType(contextType), _ => new WakeSignal(time));

    /// <summary>The service's own context type, whichever provider subclass is running.</summary>
    private static Type ServiceContextType(Type contextType)
    {
        var type = contextType;
        while (type.BaseType is { } parent && parent != typeof(Data.ServiceDbContext) && parent != typeof(object))
        {
            type = parent;
        }

        return type;
    }
}
