using System.Diagnostics;
using IncidentResponse.Benchmarks.Ingest;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// The end-to-end maximum, measured the same way for the Host and for B3: a closed loop of 32 clients, each
/// filing its next report only once the previous one's first mail arrived (so no backlog builds up), counted
/// after a ramp that fills the pipeline.
/// </summary>
public static class EndToEndLoop
{
    public const int Clients = 32;

    /// <summary>Reports per second that reached their first mail, between the end of <paramref name="ramp"/> and the end of <paramref name="duration"/>.</summary>
    public static async Task<double> MeasureAsync(ReportLoad load, FirstMails mails, TimeSpan ramp, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(mails);
        // The ramp lasts at least until every client has seen one report through (a saturated pipeline takes
        // seconds per report, and a window opened before it is full would count too few), at most 30 s.
        using var stop = new CancellationTokenSource();
        var starting = load.Completed;
        var ramping = Stopwatch.StartNew();
        var running = load.RunClosedLoopAsync(Clients, TimeSpan.FromHours(1), mails.WaitAsync, stop.Token);
        while (ramping.Elapsed < ramp || (load.Completed - starting < Clients && ramping.Elapsed < TimeSpan.FromSeconds(30)))
        {
            await Task.Delay(50);
        }

        var from = load.Completed;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        var rate = (load.Completed - from) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        return rate;
    }
}
