namespace IncidentResponse.ServiceDefaults;

/// <summary>
/// Wakes a background worker as soon as this process commits work for it; the worker's polling
/// covers work committed by other processes. Notifications while the worker is busy collapse into one.
/// </summary>
public class WakeSignal(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public virtual void Notify()
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

    /// <summary>Takes a pending notification, if any: for a worker about to look for work, which covers it.</summary>
    public void Clear() => _pending.Wait(0);

    private static readonly Task Never = new TaskCompletionSource().Task;

    /// <summary>Waits for a notification or until <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(Never, timeout, cancellationToken);

    /// <summary>
    /// Waits for a notification, until <paramref name="timeout"/>, or until <paramref name="until"/> completes: true when
    /// notified (the notification is taken) or timed out, false when <paramref name="until"/> came first and no
    /// notification was taken, so none is lost to a wait that ended for another reason.
    /// </summary>
    public async Task<bool> WaitAsync(Task until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _pending.WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, time, done.Token);
        var first = await Task.WhenAny(signalled, elapsed, until);
        await done.CancelAsync();
        await signalled.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return signalled.IsCompletedSuccessfully || first == elapsed;
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
