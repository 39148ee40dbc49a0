using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// Runs every role's <see cref="IMetricsProbe"/> once the databases are ready, then every <see cref="MetricsOptions.RefreshInterval"/>.
/// A probe that cannot read (its database or the broker does not answer) leaves its gauges as they were: when each probe
/// last read (or, before it ever did, when the Host started) is <c>ir_metrics_refreshed_timestamp_seconds</c>, so a gauge
/// that stopped moving is not read as all is well (the <c>IRMetricsStale</c> alert).
/// </summary>
public sealed partial class MetricsRefresher : BackgroundService
{
    private readonly IReadOnlyList<(IMetricsProbe Probe, string Name, Gauge.Child Refreshed)> _probes;
    private readonly DatabaseStatus _status;
    private readonly IOptions<MetricsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsRefresher> _logger;

    public MetricsRefresher(
        IEnumerable<IMetricsProbe> probes, DatabaseStatus status, IOptions<MetricsOptions> options, HostMetrics metrics, TimeProvider time,
        ILogger<MetricsRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _status = status;
        _options = options;
        _time = time;
        _logger = logger;
        var refreshed = metrics.Gauge("ir_metrics_refreshed_timestamp_seconds",
            "When a probe last read its gauges, or the Host started (Unix seconds), by probe / Lần cuối đọc được số liệu của từng nguồn", "probe");
        _probes = [.. probes.Select(p => (Probe: p, Name: ProbeName(p))).Select(p => (p.Probe, p.Name, refreshed.WithLabels(p.Name)))];
        // From the start, so a probe that never reads (the broker refuses it from the first try) goes stale too.
        foreach (var (_, _, child) in _probes)
        {
            child.Set(Now());
        }
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_probes.Count == 0)
        {
            return;
        }

        await _status.WaitUntilReadyAsync(stoppingToken);
        var interval = _options.Value.RefreshInterval; // 1 s to 2 min (validated at start)
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAllAsync(stoppingToken);
            await Task.Delay(interval, _time, stoppingToken);
        }
    }

    /// <summary>Each probe once; returns how many read. A probe that failed is logged and keeps its last refreshed time.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var read = 0;
        foreach (var (probe, name, refreshed) in _probes)
        {
            try
            {
                await probe.RefreshAsync(cancellationToken);
                refreshed.Set(Now());
                read++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(_logger, name, Failures.Describe(ex));
            }
        }

        return read;
    }

    /// <summary>
    /// The probe's type without its "Probe" and "Metrics" endings, in snake case: <c>FaultQueuesProbe</c> is <c>fault_queues</c>,
    /// <c>TriageMetricsProbe</c> is <c>triage</c>.
    /// </summary>
    internal static string ProbeName(IMetricsProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var name = probe.GetType().Name;
        foreach (var ending in (string[])["Probe", "Metrics"])
        {
            name = name.EndsWith(ending, StringComparison.Ordinal) && name.Length > ending.Length ? name[..^ending.Length] : name;
        }

        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of probe {Probe} could not be read now: {Reason}")]
    private static partial void LogFailed(ILogger logger, string probe, string reason);
}
