using System.Globalization;

namespace IncidentResponse.Benchmarks;

/// <summary>What to run and how long: <c>--quick</c> (small sizes and short loads, each scenario's shipped setting only; the target is under 3 minutes) or the full sizes the targets name.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = "usage: bench.sh [--quick] [--only ingest,latency,storm,memory,startup] [--out results.json] [--ingest-seconds N] [--latency-seconds N] [--latency-rates R1,R2,…]";

    public static readonly string[] AllScenarios = ["startup", "ingest", "latency", "storm", "memory"];

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(AllScenarios);

    public string OutputPath { get; init; } = Path.Combine("artifacts", "benchmarks", "results.json");

    /// <summary>How long each ingest measurement (and its baseline) runs.</summary>
    public TimeSpan IngestDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long each latency load level runs.</summary>
    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fixed latency loads in reports/s instead of 25/50/75% of the maximum (for profiling one load).</summary>
    public IReadOnlyList<double>? LatencyRates { get; init; }

    /// <summary>The quiet period whose work (timers, relays, health checks) is subtracted from each measurement.</summary>
    public TimeSpan IdleDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reports filed one at a time (each after the previous one's first mail) for the work of a report alone.</summary>
    public int AloneReports { get; init; } = 50;

    /// <summary>The end-to-end closed loop's ramp before it counts.</summary>
    public TimeSpan EndToEndRamp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The storms: how many escalation steps fall due together.</summary>
    public IReadOnlyList<int> StormSizes { get; init; } = [1_000, 10_000];

    /// <summary>Pending escalation steps the memory scenario's Host holds.</summary>
    public int PendingSteps { get; init; } = 100_000;

    /// <summary>Start-ups measured (the first on an empty data directory).</summary>
    public int StartupRuns { get; init; } = 3;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with
                    {
                        Quick = true,
                        // Long enough that two runs of one build agree within about a tenth (6 and 8 s read 53–81/s).
                        IngestDuration = TimeSpan.FromSeconds(12),
                        LatencyDuration = TimeSpan.FromSeconds(10),
                        // Measured again when PostgreSQL is busy in it: 4 s keeps the quick run near 5 minutes.
                        IdleDuration = TimeSpan.FromSeconds(4),
                        AloneReports = 20,
                        EndToEndRamp = TimeSpan.FromSeconds(3),
                        StormSizes = [1_000],
                        PendingSteps = 10_000,
                        StartupRuns = 2,
                    };
                    break;
                case "--only":
                    var chosen = Value(args, ++i, "--only").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = chosen.Except(AllScenarios).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}");
                    }

                    options = options with { Scenarios = new HashSet<string>(chosen) };
                    break;
                case "--out":
                    options = options with { OutputPath = Value(args, ++i, "--out") };
                    break;
                case "--ingest-seconds":
                    options = options with { IngestDuration = TimeSpan.FromSeconds(int.Parse(Value(args, ++i, "--ingest-seconds"), CultureInfo.InvariantCulture)) };
                    break;
                case "--latency-seconds":
                    options = options with { LatencyDuration = TimeSpan.FromSeconds(int.Parse(Value(args, ++i, "--latency-seconds"), CultureInfo.InvariantCulture)) };
                    break;
                case "--latency-rates":
                    options = options with
                    {
                        LatencyRates = Value(args, ++i, "--latency-rates").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList(),
                    };
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{name} needs a value");
}
