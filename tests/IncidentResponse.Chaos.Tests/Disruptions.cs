using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Something done to the deployment: a SIGKILL (<see cref="End"/>: the new Host process started), the
/// broker stopped (<see cref="End"/>: started again) or tables locked (<see cref="End"/>: released).
/// </summary>
internal sealed record Disruption(string Kind, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ReadyAt = null);

/// <summary>The disruptions of one run, done in order and written to the run's journal.</summary>
internal sealed class Disruptions(Journal journal)
{
    private readonly List<Disruption> _all = [];

    public IReadOnlyList<Disruption> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public int Kills => All.Count(d => d.Kind == "kill");

    public void Add(Disruption disruption)
    {
        lock (_all)
        {
            _all.Add(disruption);
        }
    }

    /// <summary>SIGKILL, a pause of up to 2 s, a new Host on the same data and port, until it is ready again.</summary>
    public async Task KillAndRestartAsync(HostProcess host, Random random, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(random.Next(0, 2000));
        var killedAt = TimeProvider.System.GetUtcNow();
        await host.KillAsync();
        journal.Say($"SIGKILL Host life {host.Lives}; restarting in {pause.TotalSeconds:0.0} s");
        await Task.Delay(pause, cancellationToken);
        var restartedAt = TimeProvider.System.GetUtcNow();
        await host.StartAsync();
        await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var readyAt = TimeProvider.System.GetUtcNow();
        Add(new Disruption("kill", killedAt, restartedAt, readyAt));
        journal.Say($"Host life {host.Lives} ready {(readyAt - restartedAt).TotalSeconds:0.0} s after its start");
    }

    /// <summary>Stops a server of the test's own for <paramref name="length"/> (counted from the stop), then starts it again.</summary>
    public async Task OutageAsync(string kind, OwnServer server, TimeSpan length, CancellationToken cancellationToken)
    {
        var stoppedAt = TimeProvider.System.GetUtcNow();
        await server.StopAsync(cancellationToken);
        journal.Say($"{kind} stopped ({(TimeProvider.System.GetUtcNow() - stoppedAt).TotalSeconds:0.0} s to stop) for {length.TotalSeconds:0} s in all");
        var left = length - (TimeProvider.System.GetUtcNow() - stoppedAt);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }

        var startedAt = TimeProvider.System.GetUtcNow();
        await server.StartAgainAsync(cancellationToken);
        var readyAt = TimeProvider.System.GetUtcNow();
        Add(new Disruption(kind, stoppedAt, startedAt, readyAt));
        journal.Say($"{kind} started again, up {(readyAt - startedAt).TotalSeconds:0.0} s after its start");
    }

    /// <summary>Runs <paramref name="actions"/> at their moments after now, one after the other (a late one starts when the one before ends).</summary>
    public static async Task RunScheduleAsync(IEnumerable<(TimeSpan At, Func<Task> Action)> actions, CancellationToken cancellationToken)
    {
        var start = TimeProvider.System.GetUtcNow();
        foreach (var (at, action) in actions.OrderBy(a => a.At))
        {
            var wait = start + at - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await action();
        }
    }
}
