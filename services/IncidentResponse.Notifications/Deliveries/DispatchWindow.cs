namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// The sends of one dispatch pass: up to <see cref="Size"/> running at once, each started as soon as a slot frees, so a
/// slow recipient holds one slot instead of the whole batch claimed with it. The pass keeps up to two windows claimed
/// (one sending, one waiting for slots) and claims again once a window's worth has finished.
/// </summary>
internal sealed class DispatchWindow : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _sends = [];
    private int _pending;
    private TaskCompletionSource _drained = Finished();

    public DispatchWindow(int size)
    {
        Size = Math.Max(1, size);
        _slots = new SemaphoreSlim(Size, Size);
    }

    public int Size { get; }

    /// <summary>How many more notifications the pass may claim now (two windows, less those claimed and not finished).</summary>
    public int Room
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, 2 * Size - _pending);
            }
        }
    }

    /// <summary>True once a send has thrown: the pass stops claiming and reports it when the others are done.</summary>
    public bool Faulted
    {
        get
        {
            lock (_gate)
            {
                return _sends.Exists(t => t.IsFaulted || t.IsCanceled);
            }
        }
    }

    /// <summary>Completes when every notification claimed so far is finished (at once if none is pending).</summary>
    public Task Drained
    {
        get
        {
            lock (_gate)
            {
                return _drained.Task;
            }
        }
    }

    /// <summary>Queues <paramref name="sends"/>, each to run on the thread pool in a slot of its own; all count as pending at once.</summary>
    public void StartAll(IReadOnlyCollection<Func<Task>> sends)
    {
        ArgumentNullException.ThrowIfNull(sends);
        if (sends.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_pending == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _pending += sends.Count;
            _sends.RemoveAll(t => t.IsCompletedSuccessfully);
            foreach (var send in sends)
            {
                _sends.Add(RunAsync(send));
            }
        }
    }

    /// <summary>Waits until no more than <see cref="Size"/> claimed notifications are unfinished: a window's worth of room.</summary>
    public async Task WaitForRoomAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                if (_pending <= Size)
                {
                    return;
                }

                running = [.. _sends.Where(t => !t.IsCompleted)];
            }

            await Task.WhenAny(running);
        }
    }

    /// <summary>Completes when every send has; faults with the first failure.</summary>
    public Task AllAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_sends);
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task RunAsync(Func<Task> send)
    {
        try
        {
            await _slots.WaitAsync();
            try
            {
                await Task.Run(send);
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            TaskCompletionSource? drained = null;
            lock (_gate)
            {
                if (--_pending == 0)
                {
                    drained = _drained;
                }
            }

            drained?.TrySetResult();
        }
    }

    private static TaskCompletionSource Finished()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
