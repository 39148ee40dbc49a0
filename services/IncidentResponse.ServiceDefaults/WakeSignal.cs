namespace IncidentResponse.ServiceDefaults;

/// <summary>
/// Wakes a background worker as soon as this process commits work for it; the worker's polling
/// covers work committed by other processes. Notifications while the worker is busy collapse into one.
/// </summary>
public class WakeSignal(TimeProvider time) : IDisposable
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
            // Another commit woke the worker at the same moment.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _pending.WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, time, done.Token);
        await Task.WhenAny(signalled, elapsed);
        await done.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }
    }
}
