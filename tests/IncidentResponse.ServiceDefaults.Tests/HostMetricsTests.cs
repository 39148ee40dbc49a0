using IncidentResponse.ServiceDefaults.Observability.Prometheus;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class HostMetricsTests
{
    [Fact]
    public async Task A_replaced_gauge_drops_to_zero_the_labels_no_longer_counted_and_shows_the_fixed_ones()
    {
        var metrics = new HostMetrics();
        var gauge = metrics.Gauge("ir_test_waiting", "test", "unit");

        HostMetrics.Replace(gauge, new Dictionary<string, double> { ["vnpt-bn"] = 2, ["pa05-bn"] = 1 });
        HostMetrics.Replace(gauge, new Dictionary<string, double> { ["pa05-bn"] = 3 }, ["bcd-bn"]);

        var text = await ExportAsync(metrics);
        Assert.Contains("ir_test_waiting{unit=\"vnpt-bn\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("ir_test_waiting{unit=\"pa05-bn\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("ir_test_waiting{unit=\"bcd-bn\"} 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_host_has_its_own_registry_with_the_process_metrics()
    {
        var first = new HostMetrics();
        var second = new HostMetrics();
        first.Counter("ir_test_only_here_total", "test").Inc();

        Assert.Contains("ir_test_only_here_total 1", await ExportAsync(first), StringComparison.Ordinal);
        var other = await ExportAsync(second);
        Assert.DoesNotContain("ir_test_only_here_total", other, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_allocated_and_the_gc_pauses_are_read_at_each_scrape()
    {
        var metrics = new HostMetrics();
        var first = Value(await ExportAsync(metrics), "dotnet_gc_allocated_bytes_total");
        var garbage = new List<byte[]>();
        for (var i = 0; i < 64; i++)
        {
            garbage.Add(new byte[16 * 1024]);
        }

        var second = await ExportAsync(metrics);
        Assert.True(Value(second, "dotnet_gc_allocated_bytes_total") >= first + (64 * 16 * 1024), $"{first} then {Value(second, "dotnet_gc_allocated_bytes_total")}");
        Assert.True(Value(second, "dotnet_gc_pause_seconds_total") >= 0);
        GC.KeepAlive(garbage);
    }

    private static double Value(string text, string metric)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(metric + " ", StringComparison.Ordinal));
        return double.Parse(line[(metric.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(typeof(string), "String")]
    [InlineData(typeof(List<int>), "List_Int32")]
    [InlineData(typeof(Dictionary<string, List<int>>), "Dictionary_String_List_Int32")]
    public void A_message_label_is_the_type_own_name_with_its_generic_arguments(Type type, string label) =>
        Assert.Equal(label, ConsumerMetrics.Label(type));

    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5672/ir/triage-report-received", "triage-report-received")]
    [InlineData("loopback://localhost/notifications-unit-engaged", "notifications-unit-engaged")]
    [InlineData(null, "")]
    public void A_queue_label_is_the_last_segment_of_the_input_address(string? address, string queue) =>
        Assert.Equal(queue, ConsumerMetrics.Queue(address is null ? null : new Uri(address)));

    private static async Task<string> ExportAsync(HostMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
