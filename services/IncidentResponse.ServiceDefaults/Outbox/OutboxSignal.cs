using System.Collections.Concurrent;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>Wakes a context's outbox relay as soon as a transaction that may hold outbox messages commits.</summary>
public sealed class OutboxSignal(TimeProvider time)
{
    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _pending = new();

    public void Notify(Type contextType)
    {
        var pending = Pending(contextType);
        if (pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke the relay at the same moment.
        }
    }

    /// <summary>Waits for a commit or until <paramref name="timeout"/>; polling covers commits of other processes.</summary>
    public async Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = Pending(contextType).WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(signalled, elapsed);
        await done.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private SemaphoreSlim Pending(Type contextType) => _pending.GetOrAdd(ServiceContextType(contextType), _ => new SemaphoreSlim(0, 1));

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
