using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class MetricsRefresherTests
{
    [Fact]
    public async Task Each_probe_that_reads_says_when_and_one_that_fails_keeps_its_last_time_or_the_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture));
        var start = clock.GetUtcNow().ToUnixTimeSeconds();
        var metrics = new HostMetrics();
        var broker = new FaultQueuesProbeStandIn();
        var refuses = new FaultQueuesProbeStandIn { Fails = true };
        var refresher = new MetricsRefresher([new TriageMetricsProbe(), broker, new RefusingProbe(refuses)], new DatabaseStatus(),
            Options.Create(new MetricsOptions()), metrics, clock, NullLogger<MetricsRefresher>.Instance);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await refresher.RefreshAllAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(10));
        broker.Fails = true;
        Assert.Equal(1, await refresher.RefreshAllAsync(TestContext.Current.CancellationToken));

        var text = await ExportAsync(metrics);
        Assert.Contains($"ir_metrics_refreshed_timestamp_seconds{{probe=\"triage\"}} {start + 660}", text, StringComparison.Ordinal);
        Assert.Contains($"ir_metrics_refreshed_timestamp_seconds{{probe=\"fault_queues_probe_stand_in\"}} {start + 60}", text, StringComparison.Ordinal);
        Assert.Contains($"ir_metrics_refreshed_timestamp_seconds{{probe=\"refusing\"}} {start}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:00:15", true)]
    [InlineData("00:02:00", true)]
    [InlineData("00:02:01", false)]
    [InlineData("00:00:00.500", false)]
    public void The_refresh_interval_lies_between_a_second_and_two_minutes_so_a_reading_host_never_looks_stale(string interval, bool valid)
    {
        var options = new MetricsOptions { RefreshInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(valid, System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), null, validateAllProperties: true));
    }

    private static async Task<string> ExportAsync(HostMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Named as a role's probe is, to show the name the gauge gets.</summary>
    private sealed class TriageMetricsProbe : IMetricsProbe
    {
        public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A probe that has never read since the Host started.</summary>
    private sealed class RefusingProbe(FaultQueuesProbeStandIn inner) : IMetricsProbe
    {
        public Task RefreshAsync(CancellationToken cancellationToken) => inner.RefreshAsync(cancellationToken);
    }

    /// <summary>A broker that stops answering.</summary>
    private sealed class FaultQueuesProbeStandIn : IMetricsProbe
    {
        public bool Fails { get; set; }

        public Task RefreshAsync(CancellationToken cancellationToken) =>
            Fails ? Task.FromException(new TimeoutException("the broker did not answer")) : Task.CompletedTask;
    }
}
