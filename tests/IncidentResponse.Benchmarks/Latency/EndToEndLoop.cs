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
        var running = load.RunClosedLoopAsync(Clients, ramp + duration, mails.WaitAsync);
        await Task.Delay(ramp);
        var from = load.Completed;
        var clock = Stopwatch.StartNew();
        await running;
        return (load.Completed - from) / clock.Elapsed.TotalSeconds;
    }
}
