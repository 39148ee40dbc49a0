using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests.Metrics;

/// <summary>
/// The shipped <c>infra/prometheus</c> rules and example configuration pass Debian's <c>promtool</c>, the Grafana
/// dashboard is importable JSON, and every metric they name is served by a running Host.
/// </summary>
public sealed partial class AlertRulesTests(EmbeddedMetricsHostFixture fixture) : IClassFixture<EmbeddedMetricsHostFixture>
{
    private static readonly string Rules = Scrape.RepositoryFile("infra/prometheus/rules/incidentresponse.yml");
    private static readonly string Config = Scrape.RepositoryFile("infra/prometheus/prometheus.yml");
    private static readonly string Dashboard = Scrape.RepositoryFile("infra/grafana/incidentresponse-dashboard.json");

    [Fact]
    public async Task The_alert_rules_pass_promtool_and_each_has_vietnamese_first_annotations_and_a_runbook()
    {
        var (code, output) = await PromtoolAsync("check", "rules", Rules);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);

        var text = await File.ReadAllTextAsync(Rules, TestContext.Current.CancellationToken);
        var alerts = AlertName().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("IRParkedWork", alerts);
        Assert.Contains("IRLegalDutiesOverdue", alerts);
        Assert.Contains("IROutboxStuck", alerts);
        Assert.Contains("IRDeliveriesFailing", alerts);
        Assert.Contains("IRHostDown", alerts);
        Assert.Contains("IRFaultedMessages", alerts);
        Assert.Contains("IRMetricsStale", alerts);
        var runbook = await File.ReadAllTextAsync(Scrape.RepositoryFile("runbooks/operations/metrics-alerts.md"), TestContext.Current.CancellationToken);
        foreach (var alert in alerts)
        {
            Assert.Contains($"runbooks/operations/metrics-alerts.md#{alert.ToLowerInvariant()}", text, StringComparison.Ordinal);
            Assert.Contains($"## {alert}", runbook, StringComparison.Ordinal);
        }

        Assert.All(Summaries().Matches(text), m => Assert.Contains(" / ", m.Groups[1].Value, StringComparison.Ordinal));
        // On-call staff read the alert and its runbook in the console's words: "chuyển cấp", not "leo thang".
        Assert.DoesNotContain("leo thang", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("leo thang", runbook, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("leo thang", await File.ReadAllTextAsync(Dashboard, TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_example_prometheus_configuration_passes_promtool()
    {
        using var directory = new TempDirectory();
        var key = Path.Combine(directory.Path, "metrics.key");
        await File.WriteAllTextAsync(key, "not-a-real-key", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(directory.Path, "rules"));
        File.Copy(Rules, Path.Combine(directory.Path, "rules", "incidentresponse.yml"));
        var config = (await File.ReadAllTextAsync(Config, TestContext.Current.CancellationToken))
            .Replace("/etc/prometheus/incidentresponse-metrics.key", key, StringComparison.Ordinal)
            .Replace("/etc/prometheus/rules/", Path.Combine(directory.Path, "rules") + "/", StringComparison.Ordinal);
        var copy = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(copy, config, TestContext.Current.CancellationToken);

        var (code, output) = await PromtoolAsync("check", "config", copy);

        Assert.True(code == 0, output);
        Assert.Contains("1 rule files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_is_importable_json_whose_panels_query_a_prometheus_input()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Dashboard, TestContext.Current.CancellationToken));
        var root = dashboard.RootElement;

        Assert.Equal("DS_PROMETHEUS", root.GetProperty("__inputs")[0].GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 10, $"{panels.Count} panels");
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, p =>
        {
            Assert.Equal("${DS_PROMETHEUS}", p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()));
        });
    }

    [Fact]
    public async Task Every_metric_the_rules_and_the_dashboard_name_is_served_by_a_running_host()
    {
        var named = MetricNames(await File.ReadAllTextAsync(Rules, TestContext.Current.CancellationToken))
            .Union(MetricNames(await File.ReadAllTextAsync(Dashboard, TestContext.Current.CancellationToken)))
            .Where(n => n != "up") // Prometheus's own, one per target
            .Where(n => n != "ir_messages_faulted") // RabbitMQ's fault queues: not on the embedded default (QueueMigrationTests reads it from a Host on RabbitMQ)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ir_legal_duties_overdue", named);
        Assert.Contains("ir_escalation_step_lateness_seconds_bucket", named);

        // A report makes the consumers run and the engagements exist, so every family has a sample.
        await fixture.Api.SubmitReportAsync(SampleReports.Ddos($"rules-{Guid.NewGuid():N}"[..20]));
        var missing = await Eventually.MatchesAsync(async () =>
        {
            var served = Scrape.Samples(await Scrape.MetricsAsync(fixture.Api)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            return string.Join(", ", named.Where(n => !served.Contains(n)));
        }, m => m.Length == 0, TimeSpan.FromSeconds(30), "every metric of the rules and the dashboard in /metrics");
        Assert.Equal("", missing);
        Assert.Contains("ir_escalation_steps_overdue", named);
    }

    private static IEnumerable<string> MetricNames(string text) =>
        MetricName().Matches(text).Select(m => m.Value).Distinct();

    private static async Task<(int Code, string Output)> PromtoolAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(PrometheusServer.Promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"\b(?:ir|http|process|dotnet)_[a-z0-9_]*[a-z0-9]\b|\bup(?=\{)")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"- alert: (\w+)")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"summary: ""([^""]+)""")]
    private static partial Regex Summaries();
}
