using System.Globalization;
using IncidentResponse.Host;

namespace IncidentResponse.Benchmarks.Memory;

/// <summary>
/// The memory scenario's child process: the real Host (every role) built exactly as the executable
/// builds it, alone in its process, printing its resident set and GC heap once a second.
/// </summary>
public static class HostChild
{
    public const string Verb = "--host-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = IncidentResponseHost.Build(args);
        await using (app)
        {
            await app.StartAsync();
            Console.WriteLine("STARTED");
            using var stop = new CancellationTokenSource();
            _ = Task.Run(async () =>
            {
                // The parent closes stdin to stop the child.
                while (await Console.In.ReadLineAsync() is not null)
                {
                }

                await stop.CancelAsync();
            });
            while (!stop.IsCancellationRequested)
            {
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"MEM {Environment.WorkingSet} {GC.GetTotalMemory(false)} {info.HeapSizeBytes} {info.TotalCommittedBytes}"));
                await Task.Delay(1000, CancellationToken.None);
            }

            await app.StopAsync(CancellationToken.None);
        }

        return 0;
    }
}
