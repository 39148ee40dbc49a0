using System.Diagnostics;
using System.Globalization;
using IncidentResponse.Benchmarks.Ingest;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// Scenario 2: from the API's 202 to the SMTP server accepting the first notification of that report's
/// incident, one Host with every role, under open-loop load at 25%, 50% and 75% of that Host's own
/// end-to-end maximum: the rate at which it gets reports all the way to a first mail when it is given more
/// than it can do (measured first, in the same run). The ingest maximum is no measure for this Host: it is
/// measured with intake and triage alone, while here the same cores also route, mail, escalate and keep
/// every timeline.
/// </summary>
public static class LatencyScenario
{
    private static readonly double[] Levels = [0.25, 0.50, 0.75];

    public static async Task RunAsync(InfrastructureFixture infrastructure, BenchmarkOptions options, Results results, double? ingestMaximum)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        await using var smtp = await SmtpTestServer.StartAsync();
        var mails = new FirstMails();
        smtp.Accepted += mails.Record;
        await using var sms = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200, "{\"status\":\"queued\"}"));
        var deployment = await BenchDeployment.CreateAsync(infrastructure, "bench-latency");
        var settings = BenchDeployment.Settings(new Dictionary<string, string>
        {
            ["Notifications:Email:Mode"] = "Smtp",
            ["Notifications:Email:Host"] = SmtpTestServer.Host,
            ["Notifications:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Sms:Endpoint"] = new Uri(sms.Address, "/send").ToString(),
        });
        await using var host = await TestHost.StartAsync(deployment, settings: settings);
        using var load = new ReportLoad(host.BaseAddress, 256);

        // Warm up: a few reports all the way to mail.
        var warm = await load.RunOpenLoopAsync(5, TimeSpan.FromSeconds(2));
        await WaitMailedAsync(mails, warm, TimeSpan.FromSeconds(60));

        List<(double Level, double Rate)> loads;
        if (options.LatencyRates is { Count: > 0 } rates)
        {
            loads = rates.Select(r => (Level: double.NaN, Rate: r)).ToList();
        }
        else
        {
            var capacity = await MeasureCapacityAsync(load, mails, options, results, ingestMaximum);
            await WaitQuietAsync(smtp); // the burst's other notices, before the first load is timed
            loads = Levels.Select(l => (Level: l, Rate: capacity * l)).ToList();
        }

        foreach (var (level, rate) in loads)
        {
            var before = await WorkSample.TakeAsync(infrastructure, deployment);
            Console.WriteLine($"    latency load {Results.Format(rate)} reports/s for {options.LatencyDuration.TotalSeconds:0} s");
            var started = TimeProvider.System.GetUtcNow();
            var sent = await load.RunOpenLoopAsync(rate, options.LatencyDuration);
            var ended = TimeProvider.System.GetUtcNow();
            var missing = await WaitMailedAsync(mails, sent, TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(2)); // the stragglers' statistics reach pg_stat_database
            var work = await WorkSample.TakeAsync(infrastructure, deployment) - before;
            // A report without mail by the timeout counts as infinitely late: leaving it out would make a
            // saturated Host look fast (its percentiles would come from the few reports that got through).
            var latencies = sent
                .Select(s => mails.TryFirst(s.Token, out var at) ? Stopwatch.GetElapsedTime(s.AcceptedAt, at).TotalMilliseconds : double.PositiveInfinity)
                .Order().ToList();
            var name = double.IsNaN(level) ? $"fixed load ({Results.Format(rate)}/s)" : $"{level:P0} load ({Results.Format(rate)}/s)";
            var p99 = Percentiles.Of(latencies, 99);
            results.Add(new Figure("latency", $"{name} p50", Percentiles.Of(latencies, 50), "ms"));
            results.Add(new Figure("latency", $"{name} p95", Percentiles.Of(latencies, 95), "ms"));
            results.Add(level == 0.50
                ? new Figure("latency", $"{name} p99", p99, "ms", Target: "≤ 500 ms", Met: p99 <= 500 && missing == 0)
                : new Figure("latency", $"{name} p99", p99, "ms"));
            var seen = latencies.Where(double.IsFinite).ToList();
            results.Note("latency", $"{name}: {sent.Count} reports accepted, {seen.Count} first mails seen, {missing} without mail after 120 s, max seen {Results.Format(seen.LastOrDefault())} ms");
            if (sent.Count > 0)
            {
                results.Note("latency", $"{name}: per report {Results.Format((double)work.Transactions / sent.Count)} database transactions, "
                    + $"{Results.Format((double)work.RowsWritten / sent.Count)} rows written, {Results.Format((double)work.Messages / sent.Count)} messages published");
            }

            results.Note("latency", $"{name}, stages: {string.Join("; ", await LatencyStages.DescribeAsync(deployment.Postgres, started, ended))}");
            if (missing > 0)
            {
                // The backlog is still being worked off: a higher load would measure it, not itself.
                results.Note("latency", $"higher loads skipped: {missing} reports of this load still wait for their mail");
                break;
            }
        }
    }

    /// <summary>
    /// Offers more reports than the Host can carry (300, or 100 in quick mode, at the ingest maximum but at least
    /// 20 a second), then
    /// divides the reports mailed by the time from the first 202 to the last first mail: the end-to-end maximum.
    /// </summary>
    private static async Task<double> MeasureCapacityAsync(ReportLoad load, FirstMails mails, BenchmarkOptions options, Results results, double? ingestMaximum)
    {
        // A burst of a fixed size (the Host needs only to be given more than it can do): offered as fast as the
        // ingest maximum, it would otherwise leave minutes of backlog on a machine where triage is fast.
        var offered = Math.Max(ingestMaximum ?? 0, 20);
        var burst = TimeSpan.FromSeconds(Math.Min(options.LatencyDuration.TotalSeconds, (options.Quick ? 100 : 300) / offered));
        Console.WriteLine($"    latency: end-to-end maximum, offering {Results.Format(offered)} reports/s for {burst.TotalSeconds:0.0} s");
        var start = Stopwatch.GetTimestamp();
        var sent = await load.RunOpenLoopAsync(offered, burst);
        var missing = await WaitMailedAsync(mails, sent, TimeSpan.FromSeconds(240));
        var last = sent.Select(s => mails.TryFirst(s.Token, out var at) ? at : start).Max();
        var mailed = sent.Count - missing;
        var capacity = mailed / Stopwatch.GetElapsedTime(start, last).TotalSeconds;
        results.Add(new Figure("latency", "end-to-end maximum (202 to first mail, all roles in one Host)", capacity, "reports/s"));
        results.Note("latency", $"end-to-end maximum: {sent.Count} reports offered at {Results.Format(offered)}/s, {mailed} mailed in "
            + $"{Stopwatch.GetElapsedTime(start, last).TotalSeconds:0.0} s; the loads below are taken against it"
            + (ingestMaximum is > 0 ? $" (the ingest maximum, intake and triage alone, was {Results.Format(ingestMaximum.Value)}/s)" : ""));
        return capacity;
    }

    /// <summary>Waits until the SMTP server has received nothing for 3 s (at most 3 minutes).</summary>
    private static async Task WaitQuietAsync(SmtpTestServer smtp)
    {
        var clock = Stopwatch.StartNew();
        var count = smtp.Count;
        var still = Stopwatch.StartNew();
        while (still.Elapsed < TimeSpan.FromSeconds(3) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(250);
            var now = smtp.Count;
            if (now != count)
            {
                count = now;
                still.Restart();
            }
        }
    }

    /// <summary>Waits until every accepted report has its first mail; returns how many still have none at the timeout.</summary>
    private static async Task<int> WaitMailedAsync(FirstMails mails, IReadOnlyList<(string Token, long AcceptedAt)> sent, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var missing = sent.Count(s => !mails.TryFirst(s.Token, out _));
            if (missing == 0 || clock.Elapsed > timeout)
            {
                return missing;
            }

            await Task.Delay(200);
        }
    }
}
