using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// This Host's Prometheus registry: the <c>ir_</c> metrics of the roles it runs, the process and runtime
/// metrics and HTTP metrics. One per Host (not prometheus-net's static default), so Hosts sharing a test
/// process do not mix their figures. Label values are codes and states, never names, addresses or secrets.
/// </summary>
public sealed class HostMetrics
{
    public HostMetrics()
    {
        Registry = global::Prometheus.Metrics.NewCustomRegistry();
        Factory = global::Prometheus.Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);

        // What DotNetStats leaves out: the bytes this process has allocated and the time the GC paused it, the two
        // figures that say what garbage costs (read at each scrape; both only grow).
        var allocated = Factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.");
        var paused = Factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the garbage collector paused the process since it started.");
        Registry.AddBeforeCollectCallback(() =>
        {
            allocated.IncTo(GC.GetTotalAllocatedBytes());
            paused.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        });
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public Gauge Gauge(string name, string help, params string[] labels) =>
        Factory.CreateGauge(name, help, labels);

    public Counter Counter(string name, string help, params string[] labels) =>
        Factory.CreateCounter(name, help, labels);

    public Histogram Histogram(string name, string help, double[] buckets, params string[] labels) =>
        Factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = buckets });

    /// <summary>Sets a labelled gauge to exactly <paramref name="values"/>: label sets no longer present go to zero.</summary>
    public static void Replace(Gauge gauge, IReadOnlyDictionary<string, double> values, IEnumerable<string>? alwaysShown = null)
    {
        ArgumentNullException.ThrowIfNull(gauge);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var labels in gauge.GetAllLabelValues())
        {
            if (labels.Length == 1 && !values.ContainsKey(labels[0]))
            {
                gauge.WithLabels(labels).Set(0);
            }
        }

        foreach (var label in alwaysShown ?? [])
        {
            gauge.WithLabels(label).Set(values.GetValueOrDefault(label));
        }

        foreach (var (label, value) in values)
        {
            gauge.WithLabels(label).Set(value);
        }
    }
}
