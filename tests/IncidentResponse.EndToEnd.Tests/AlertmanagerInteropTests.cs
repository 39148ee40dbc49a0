using IncidentResponse.Testing;
using static IncidentResponse.Testing.MachineIntakeClient;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// A real Prometheus Alertmanager (the Debian package, started here) pages the Host, through the
/// Events API v2 (<c>pagerduty_configs</c>) and through its generic webhook (<c>webhook_configs</c>):
/// alerts fired through its API become incidents, more alerts of the same group land in the same
/// incident, and resolving them closes it.
/// </summary>
public sealed class AlertmanagerInteropTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Alertmanager_paging_the_events_api_opens_one_incident_per_group_and_its_resolve_closes_it()
    {
        var key = await Api.IssueIntegrationKeyAsync("prometheus alertmanager (pagerduty)", defaults: new { classification = "availability:outage" });
        await using var alertmanager = await AlertmanagerServer.StartAsync($$$"""
            - name: ir
              pagerduty_configs:
              - url: '{{{new Uri(fixture.Host.BaseAddress, "/v2/enqueue")}}}'
                routing_key: '{{{key}}}'
                send_resolved: true
                severity: '{{ .CommonLabels.severity }}'
            """);

        await FireRepeatAndResolveAsync(alertmanager, "PagerDuty");
    }

    [Fact]
    public async Task Alertmanager_posting_its_webhook_opens_one_incident_per_group_and_its_resolve_closes_it()
    {
        var key = await Api.IssueIntegrationKeyAsync("prometheus alertmanager (webhook)", "alertmanager", new { classification = "availability:outage" });
        await using var alertmanager = await AlertmanagerServer.StartAsync($"""
            - name: ir
              webhook_configs:
              - url: '{new Uri(fixture.Host.BaseAddress, "/api/v1/integrations/alertmanager")}'
                send_resolved: true
                http_config:
                  authorization:
                    credentials: '{key}'
            """);

        await FireRepeatAndResolveAsync(alertmanager, "Webhook");
    }

    private async Task FireRepeatAndResolveAsync(AlertmanagerServer alertmanager, string door)
    {
        try
        {
            await FireRepeatAndResolveOnceAsync(alertmanager, door);
        }
        catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\nAlertmanager's log:\n{alertmanager.Output}", ex);
        }
    }

    private async Task FireRepeatAndResolveOnceAsync(AlertmanagerServer alertmanager, string door)
    {
        var alertname = $"PortalDown{door}{Guid.NewGuid():N}"[..30];
        var startsAt = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var first = new Dictionary<string, string> { ["alertname"] = alertname, ["instance"] = "portal.example.invalid:443", ["severity"] = "critical", ["path"] = "/" };
        var second = new Dictionary<string, string>(first) { ["path"] = "/login" };
        var annotations = new Dictionary<string, string> { ["summary"] = $"{alertname}: Cổng dịch vụ công không phản hồi" };

        await alertmanager.PostAlertAsync(first, annotations, startsAt);
        var incident = (await Api.WaitForIncidentsAsync(alertname, l => l.Count == 1, $"incident from alertmanager ({door})", Wait))[0];

        // Another alert of the same group: Alertmanager sends the group again under the same key.
        await alertmanager.PostAlertAsync(second, annotations, startsAt);
        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(incident), k => k.Contains("alert-repeated"), Wait,
            "the group's second notification on the same incident");

        var now = TimeProvider.System.GetUtcNow();
        await alertmanager.PostAlertAsync(first, annotations, startsAt, now.AddSeconds(-1));
        await alertmanager.PostAlertAsync(second, annotations, startsAt, now.AddSeconds(-1));
        var closed = await Api.WaitForIncidentsAsync(alertname, l => l.Count == 1 && StatusOf(l[0]) == "closed",
            $"incident closed by alertmanager's resolve ({door})", Wait);
        Assert.Equal(1, closed[0].GetProperty("reportCount").GetInt32());
        var kinds = await Api.TimelineKindsAsync(closed[0]);
        Assert.Contains("alert-resolved", kinds);
        Assert.Contains("status-changed", kinds);
    }
}
