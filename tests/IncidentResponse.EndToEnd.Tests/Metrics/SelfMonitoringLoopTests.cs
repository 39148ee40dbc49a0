using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests.Metrics;

/// <summary>
/// The committee watches its own system with the shipped rules: Debian's Prometheus scrapes a running Host with a
/// <c>metrics</c> key, a rule fires on a condition the test causes (a legal duty overdue), Debian's Alertmanager
/// posts it to the Host's own Alertmanager door, and it becomes an incident engaging the committee's standing
/// office (<c>bcd-bn</c>), whose on-call is paged by its escalation policy.
/// </summary>
public sealed partial class SelfMonitoringLoopTests(EmbeddedMetricsHostFixture fixture) : IClassFixture<EmbeddedMetricsHostFixture>
{
    private const string CommitteeUnit = "bcd-bn";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task An_overdue_legal_duty_seen_by_prometheus_becomes_an_incident_for_the_committee_through_alertmanager()
    {
        // The committee's own alert door: its incidents belong to the standing office (an alias of bcd-bn in the directory).
        var alertKey = await Api.IssueIntegrationKeyAsync("tự giám sát / self-monitoring", "alertmanager",
            new { classification = "other:undetermined", ownerAgency = "Ban Chỉ đạo tỉnh" });
        await using var alertmanager = await AlertmanagerServer.StartAsync($"""
            - name: ir
              webhook_configs:
              - url: '{new Uri(fixture.Host.BaseAddress, "/api/v1/integrations/alertmanager")}'
                send_resolved: true
                http_config:
                  authorization:
                    credentials: '{alertKey}'
            """);

        // The shipped rules, made to fire at once.
        var rules = ForZero().Replace(await File.ReadAllTextAsync(Scrape.RepositoryFile("infra/prometheus/rules/incidentresponse.yml"), TestContext.Current.CancellationToken), "for: 0s");
        await using var prometheus = await PrometheusServer.StartAsync($"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [incidentresponse.yml]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["{alertmanager.Address.Authority}"]
            scrape_configs:
              - job_name: incidentresponse
                authorization:
                  type: Bearer
                  credentials_file: metrics.key
                static_configs:
                  - targets: ["{fixture.Host.BaseAddress.Authority}"]
            """, new Dictionary<string, string> { ["incidentresponse.yml"] = rules, ["metrics.key"] = await IssueMetricsKeyAsync() });

        try
        {
            await Eventually.MatchesAsync(async () => (await prometheus.TargetsAsync()).EnumerateArray().Select(t => t.GetProperty("health").GetString()).ToList(),
                h => h.Count == 1 && h[0] == "up", Wait, "prometheus scraping the Host with the metrics key");

            // Detected a week ago: the initial report owed within 24 hours is overdue as soon as the incident exists.
            await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos($"selfmon-{Guid.NewGuid():N}"[..20])));

            await Eventually.MatchesAsync(async () => (await prometheus.AlertsAsync()).EnumerateArray()
                    .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "IRLegalDutiesOverdue" && a.GetProperty("state").GetString() == "firing"),
                firing => firing, Wait, "IRLegalDutiesOverdue firing in prometheus");
            var incident = (await Api.WaitForIncidentsAsync("nghĩa vụ báo cáo theo luật đã quá hạn", l => l.Count == 1,
                "the self-monitoring alert as an incident", Wait))[0];

            var id = incident.GetProperty("id").GetGuid();
            var engagements = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"),
                e => Units(e).Contains(CommitteeUnit), Wait, "the committee's standing office engaged");
            var engagement = Items(engagements).First(e => e.GetProperty("unit").GetString() == CommitteeUnit).GetProperty("id").GetGuid();
            var chain = await Eventually.MatchesAsync(async () =>
            {
                using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{engagement}/escalation");
                return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone() : default;
            }, c => c.ValueKind == JsonValueKind.Object, Wait, "the escalation chain of the committee's engagement");
            Assert.Equal(CommitteeUnit, chain.GetProperty("unit").GetString());
            Assert.Equal(JsonValueKind.String, chain.GetProperty("nextDueAt").ValueKind);
            var policies = await Api.GetJsonAsync("/api/v1/escalation/policies");
            Assert.Contains(chain.GetProperty("policyId").GetString()!, policies.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("oncall", policies.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\nPrometheus:\n{prometheus.Output}\nAlertmanager:\n{alertmanager.Output}", ex);
        }
    }

    private async Task<string> IssueMetricsKeyAsync()
    {
        using var response = await Api.PostJsonAsync("/api/v1/api-keys", new { name = "prometheus (self-monitoring test)", role = "metrics" });
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"metrics key: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : list.GetProperty("items").EnumerateArray();

    private static List<string?> Units(JsonElement list) => [.. Items(list).Select(e => e.GetProperty("unit").GetString())];

    [GeneratedRegex(@"for: \S+")]
    private static partial Regex ForZero();
}
