using System.Collections.Concurrent;
using System.Diagnostics;

namespace IncidentResponse.Testing;

/// <summary>
/// Starts child processes from one thread that lives as long as the test process. A child started with
/// a parent-death signal (<c>setpriv --pdeathsig</c>) gets it when the thread that forked it ends, not
/// the process: started from a pool thread, it would be killed whenever that thread retired.
/// </summary>
internal static class ChildLauncher
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];
    private static readonly Lazy<Thread> Launcher = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "child-process-launcher" };
        thread.Start();
        return thread;
    });

    public static Task StartAsync(Process process)
    {
        _ = Launcher.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
