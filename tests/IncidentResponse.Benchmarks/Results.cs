using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IncidentResponse.Benchmarks;

/// <summary>One figure: ours, the baseline measured beside it (if any) and the target it is held to.</summary>
public sealed record Figure(
    string Scenario,
    string Metric,
    double Value,
    string Unit,
    double? Baseline = null,
    string? Target = null,
    bool? Met = null)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline.Value : null;
}

/// <summary>The figures of a run, printed as a table and written as JSON; notes say what was tried and how.</summary>
public sealed class Results
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, object?> _summary = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public IReadOnlyList<Figure> Figures
    {
        get
        {
            lock (_gate)
            {
                return [.. _figures];
            }
        }
    }

    public void Add(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        lock (_gate)
        {
            _figures.Add(figure);
        }

        Console.WriteLine($"  {figure.Scenario} · {figure.Metric}: {Format(figure.Value)} {figure.Unit}"
            + (figure.Baseline is { } b ? $" (baseline {Format(b)}, ratio {Format(figure.Ratio ?? 0)})" : string.Empty)
            + (figure.Target is { } t ? $" [target {t}: {(figure.Met == true ? "met" : "MISSED")}]" : string.Empty));
    }

    /// <summary>A value of <c>summary.json</c> (the figures the lean-pipeline check reads); doubles are rounded, non-finite ones become null.</summary>
    public void Summarize(string key, object? value)
    {
        lock (_gate)
        {
            _summary[key] = value is double d ? (double.IsFinite(d) ? Math.Round(d, 3) : null) : value;
        }
    }

    public IReadOnlyDictionary<string, object?> Summary
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, object?>(_summary);
            }
        }
    }

    /// <summary>Where every run writes its summary, whatever <c>--out</c> says.</summary>
    public static readonly string SummaryPath = Path.Combine("artifacts", "benchmarks", "summary.json");

    /// <summary>Writes <see cref="SummaryPath"/>: mode, elapsed time and every summarized value.</summary>
    public async Task WriteSummaryAsync(BenchmarkOptions options, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(SummaryPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["mode"] = options.Quick ? "quick" : "full",
            ["measuredAt"] = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["elapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 1),
            ["processorCount"] = Environment.ProcessorCount,
            ["durable"] = false,
        };
        // Every key the lean-pipeline check and the README table read is present, null when its scenario did not run.
        foreach (var key in SummaryKeys)
        {
            document[key] = null;
        }

        foreach (var (key, value) in Summary)
        {
            document[key] = value;
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        Console.WriteLine($"summary written to {path}");
    }

    private static readonly string[] SummaryKeys =
    [
        "endToEndReportsPerSecond", "acceptedReportsPerSecond", "ingestReportsPerSecond", "transactionsPerReport", "transactionsPerReportUnderLoad",
        "rowsPerReport", "messagesPerReport", "ratioB1", "ratioB2", "ratioB3", "b1AcceptedReportsPerSecond", "b2IngestReportsPerSecond",
        "b3EndToEndReportsPerSecond", "latencyP99Ms", "stormLatenessP99Ms", "rssMbWith100kPendingSteps",
    ];

    public void Note(string scenario, string text)
    {
        var line = $"{scenario}: {text}";
        lock (_gate)
        {
            _notes.Add(line);
        }

        Console.WriteLine("  · " + line);
    }

    public string Table()
    {
        var rows = Figures.Select(f => new[]
        {
            f.Scenario, f.Metric, $"{Format(f.Value)} {f.Unit}", f.Baseline is { } b ? Format(b) : "", f.Ratio is { } r ? Format(r) : "",
            f.Target ?? "", f.Met switch { true => "yes", false => "NO", null => "" },
        }).ToList();
        string[] header = ["Scenario", "Metric", "Ours", "Baseline", "Ratio", "Target", "Met"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |");
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Line);
        return text.ToString();
    }

    public async Task WriteAsync(string path, BenchmarkOptions options, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            mode = options.Quick ? "quick" : "full",
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            elapsedSeconds = Math.Round(elapsed.TotalSeconds, 1),
            // JSON has no infinity: a value that is not finite (a latency with reports that never got mail) is written as null.
            figures = Figures.Select(f => new { f.Scenario, f.Metric, Value = Finite(f.Value), f.Unit, Baseline = Finite(f.Baseline), Ratio = Finite(f.Ratio), f.Target, f.Met }),
            notes = _notes,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "∞ (never)",
        double.NaN => "–",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

/// <summary>Percentiles of a sample (nearest rank).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
