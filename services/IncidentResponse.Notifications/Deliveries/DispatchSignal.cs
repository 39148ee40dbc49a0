namespace IncidentResponse.Notifications.Deliveries;

/// <summary>Wakes the dispatcher as soon as this process commits new work; polling covers other processes.</summary>
public sealed class DispatchSignal(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke the dispatcher at the same moment.
        }
    }

    public void Dispose() => _pending.Dispose();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _pending.WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(signalled, elapsed);
        await done.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
