using System.Diagnostics;
using System.Globalization;
using IncidentResponse.Benchmarks.Storm;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks.Memory;

/// <summary>
/// Scenario 4: a Host (every role, its own process, server GC as the executable ships) holding
/// 100,000 pending escalation steps: resident set and GC heap once it has started and reconciled
/// them, and the database bytes each pending step takes (chain row, trigger rows, indexes).
/// </summary>
public static class MemoryScenario
{
    private const string Sizes = """
        SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'escalation' AND c.relkind = 'r' AND c.relname IN ('chains', 'qrtz_triggers', 'qrtz_simple_triggers')
        """;

    public static async Task RunAsync(InfrastructureFixture infrastructure, BenchmarkOptions options, Results results)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        var size = options.PendingSteps;
        var deployment = await BenchDeployment.CreateAsync(infrastructure, "bench-memory");
        var settings = BenchDeployment.Settings(deployment.Settings.ToDictionary());
        var pending = new PendingSteps(deployment.Postgres);

        // An idle Host first: its memory without pending steps is the baseline.
        var idle = await MeasureChildAsync(settings, options.Quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(20));

        long before, after;
        await using (var host = await TestHost.StartAsync(deployment, "escalation", settings))
        {
            var template = await pending.EngageTemplateAsync(host);
            before = await pending.ScalarAsync(Sizes);
            var copying = Stopwatch.StartNew();
            await pending.CopyAsync(template, size - 1, wakeUpEach: true);
            await pending.MakeDueAsync(TimeProvider.System.GetUtcNow().AddDays(1));
            results.Note("memory", $"{size:N0} pending steps written in {copying.Elapsed.TotalSeconds:0.0} s");
        }

        after = await pending.ScalarAsync(Sizes);
        var loaded = await MeasureChildAsync(settings, options.Quick ? TimeSpan.FromSeconds(12) : TimeSpan.FromSeconds(60));
        var pendingCount = await pending.ScalarAsync("SELECT count(*) FROM escalation.chains WHERE next_due_at IS NOT NULL");

        results.Add(new Figure("memory", $"RSS with {pendingCount:N0} pending steps (peak)", loaded.PeakRss / 1e6, "MB", idle.PeakRss / 1e6,
            size >= 100_000 ? "≤ 300 MB" : null, size >= 100_000 ? loaded.PeakRss <= 300e6 : null));
        results.Summarize("rssMbWith100kPendingSteps", loaded.PeakRss / 1e6);
        results.Summarize("pendingSteps", pendingCount);
        results.Add(new Figure("memory", $"RSS with {pendingCount:N0} pending steps (settled)", loaded.LastRss / 1e6, "MB", idle.LastRss / 1e6));
        results.Add(new Figure("memory", $"GC heap with {pendingCount:N0} pending steps (settled)", loaded.LastHeap / 1e6, "MB", idle.LastHeap / 1e6));
        results.Add(new Figure("memory", "database bytes per pending step", (after - before) / (double)(size - 1), "B"));
        results.Note("memory", "baseline column: the same Host with no pending step; the Host runs alone in a child process (server GC, as the executable ships)");
    }

    private sealed record Sample(long PeakRss, long LastRss, long LastHeap);

    /// <summary>Runs the Host in a child process for <paramref name="settle"/> after it started; returns its memory.</summary>
    private static async Task<Sample> MeasureChildAsync(IReadOnlyDictionary<string, string> settings, TimeSpan settle)
    {
        var start = SelfProcess.StartInfo(HostChild.Verb);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the Host child did not start");
        child.ErrorDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        long peak = 0, lastRss = 0, lastHeap = 0;
        var started = false;
        var clock = Stopwatch.StartNew();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "STARTED")
            {
                started = true;
                clock.Restart();
            }
            else if (line.StartsWith("MEM ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                lastRss = long.Parse(parts[1], CultureInfo.InvariantCulture);
                lastHeap = long.Parse(parts[3], CultureInfo.InvariantCulture);
                peak = Math.Max(peak, lastRss);
                if (started && clock.Elapsed >= settle)
                {
                    break;
                }
            }
            else if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                break;
            }
        }

        child.StandardInput.Close();
        if (!child.WaitForExit(30_000))
        {
            child.Kill(entireProcessTree: true);
        }

        return started ? new Sample(peak, lastRss, lastHeap) : throw new InvalidOperationException("the Host child exited before it started");
    }
}
