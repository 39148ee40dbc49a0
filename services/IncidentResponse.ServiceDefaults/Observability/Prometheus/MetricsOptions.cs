using System.ComponentModel.DataAnnotations;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>Where <c>/metrics</c> is served and how often the gauges read from the database are refreshed (see docs/metrics.md).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c> on the Host's own port, to a credential with the right (a <c>metrics</c> key or a committee role).</summary>
    public bool OnHostPort { get; set; } = true;

    /// <summary>When set, also serve <c>/metrics</c> without a credential on <c>127.0.0.1:&lt;port&gt;</c> only (a scraper on the same machine).</summary>
    [Range(1, 65535)]
    public int? LoopbackPort { get; set; }

    /// <summary>
    /// How often the gauges that need the database (open incidents, outbox lag …) are read, once per Host and role; at most
    /// 2 minutes, so that the <c>IRMetricsStale</c> alert (5 minutes without a read) never fires on a Host that reads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
