using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text with the <c>ir_</c> metrics of every role, runtime and HTTP metrics; a
/// credential by default (a <c>metrics</c> key reads nothing else), or none on the loopback port; the gauges read
/// from the databases follow what happens, on both the embedded default and PostgreSQL.
/// </summary>
public abstract class MetricsBehaviour(HostFixture fixture, int loopbackPort)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Metrics_answer_in_prometheus_text_with_the_ir_metrics_of_every_role_and_the_runtime()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/metrics");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var type in new[]
        {
            "# TYPE ir_incidents_open gauge", "# TYPE ir_legal_duties_overdue gauge", "# TYPE ir_outbox_lag_seconds gauge",
            "# TYPE ir_messages_stuck gauge", "# TYPE ir_notifications gauge", "# TYPE ir_escalation_step_lateness_seconds histogram", "# TYPE ir_escalation_steps_overdue gauge",
            "# TYPE ir_delivery_attempts_failed_total counter", "# TYPE process_cpu_seconds_total counter", "# TYPE http_requests_received_total counter",
        })
        {
            Assert.Contains(type, text, StringComparison.Ordinal);
        }

        foreach (var service in new[] { "intake", "triage", "notifications", "escalation" })
        {
            Assert.Contains($"ir_outbox_lag_seconds{{service=\"{service}\"}}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_refuse_a_caller_without_a_credential_and_a_partner_responder()
    {
        using var anonymous = await Api.WithKey(null).SendAsync(HttpMethod.Get, "/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var responder = await IssueKeyAsync("responder", "vnpt-bn");
        using var refused = await Api.WithKey(responder).SendAsync(HttpMethod.Get, "/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_metrics_key_reads_the_metrics_and_nothing_else()
    {
        var scraper = Api.WithKey(await IssueKeyAsync("metrics"));

        Assert.Contains("# TYPE ir_", await Scrape.MetricsAsync(scraper), StringComparison.Ordinal);
        using var incidents = await scraper.SendAsync(HttpMethod.Get, "/api/v1/incidents");
        Assert.Equal(HttpStatusCode.Forbidden, incidents.StatusCode);
        using var report = await scraper.PostJsonAsync("/api/v1/reports", SampleReports.Ddos("scraper-report"));
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        using var keys = await scraper.SendAsync(HttpMethod.Get, "/api/v1/api-keys");
        Assert.Equal(HttpStatusCode.Forbidden, keys.StatusCode);
    }

    [Fact]
    public async Task The_loopback_port_serves_the_same_metrics_without_a_credential()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{loopbackPort}"), Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE ir_incidents_open gauge", text, StringComparison.Ordinal);
        using var other = await http.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);

        // Bound to loopback only: the machine's other addresses refuse the connection.
        foreach (var address in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)))
        {
            using var client = new System.Net.Sockets.TcpClient();
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
                async () => await client.ConnectAsync(address, loopbackPort, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_report_filed_shows_in_the_counters_and_gauges_read_from_the_databases()
    {
        var before = await Scrape.MetricsAsync(Api);
        var accepted = Scrape.Sum(before, "ir_reports_accepted_total", "channel=\"api\"");
        var open = Scrape.Sum(before, "ir_incidents_open");
        var overdue = Scrape.Sum(before, "ir_legal_duties_overdue");

        // Detected a week ago: its legal duties (initial report within 24 h) are overdue at once.
        var reportId = await Api.SubmitReportAsync(SampleReports.Ddos($"metrics-{Guid.NewGuid():N}"[..20], securityLevel: 4));
        await Api.WaitUntilTriagedAsync(reportId);

        var after = await Eventually.MatchesAsync(() => Scrape.MetricsAsync(Api),
            t => Scrape.Sum(t, "ir_reports_accepted_total", "channel=\"api\"") >= accepted + 1
                && Scrape.Sum(t, "ir_incidents_open") >= open + 1
                && Scrape.Sum(t, "ir_legal_duties_overdue") >= overdue + 1
                && Scrape.Sum(t, "ir_engagements_unacknowledged") >= 1
                && Scrape.Sum(t, "ir_consume_duration_seconds_count", "queue=\"triage-report-received\"") >= 1,
            Wait, "the report in ir_reports_accepted_total, ir_incidents_open, ir_legal_duties_overdue, ir_engagements_unacknowledged, ir_consume_duration_seconds");
        Assert.DoesNotContain("metrics-", after, StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.AdminKey, after, StringComparison.Ordinal);
    }

    private async Task<string> IssueKeyAsync(string role, string? unit = null)
    {
        using var response = await Api.PostJsonAsync("/api/v1/api-keys", new { name = $"metrics test {role} {Guid.NewGuid():N}", role, unit });
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"API key of {role}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }
}

public sealed class MetricsOnEmbeddedDefault(EmbeddedMetricsHostFixture fixture)
    : MetricsBehaviour(fixture, fixture.LoopbackPort), IClassFixture<EmbeddedMetricsHostFixture>;

public sealed class MetricsOnRabbitMqAndPostgres(DistributedMetricsHostFixture fixture)
    : MetricsBehaviour(fixture, fixture.LoopbackPort), IClassFixture<DistributedMetricsHostFixture>;
