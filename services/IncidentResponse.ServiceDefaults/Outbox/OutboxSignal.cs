using System.Collections.Concurrent;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// Wakes a context's outbox relay as soon as a transaction that holds outbox messages commits, and hands it
/// those messages: a relay running in this process publishes them without reading them back.
/// </summary>
public sealed class OutboxSignal(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<Type, WakeSignal> _signals = new();
    private readonly ConcurrentDictionary<Type, ConcurrentQueue<OutboxEnvelope>> _handed = new();

    public void Notify(Type contextType) => Signal(contextType).Notify();

    /// <summary>Waits for a commit or until <paramref name="timeout"/>; polling covers commits of other processes.</summary>
    public Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken) =>
        Signal(contextType).WaitAsync(timeout, cancellationToken);

    /// <summary>A relay of this process takes the context's committed messages from now on.</summary>
    internal void Attach(Type contextType) => _handed.TryAdd(ServiceContextType(contextType), new ConcurrentQueue<OutboxEnvelope>());

    /// <summary>Whether a relay of this process takes the context's committed messages (else they wait for a poll).</summary>
    public bool IsAttached(Type contextType) => _handed.ContainsKey(ServiceContextType(contextType));

    /// <summary>Messages whose transaction committed, for the relay; wakes it.</summary>
    internal void HandOver(Type contextType, IEnumerable<OutboxEnvelope> committed)
    {
        if (_handed.TryGetValue(ServiceContextType(contextType), out var queue))
        {
            foreach (var envelope in committed)
            {
                queue.Enqueue(envelope);
            }
        }

        Notify(contextType);
    }

    /// <summary>What was handed over since the last call, at most <paramref name="count"/>.</summary>
    internal List<OutboxEnvelope> Take(Type contextType, int count)
    {
        var taken = new List<OutboxEnvelope>();
        if (_handed.TryGetValue(ServiceContextType(contextType), out var queue))
        {
            while (taken.Count < count && queue.TryDequeue(out var envelope))
            {
                taken.Add(envelope);
            }
        }

        return taken;
    }

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
