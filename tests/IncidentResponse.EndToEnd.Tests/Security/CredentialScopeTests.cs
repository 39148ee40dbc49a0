using System.Net;
using IncidentResponse.Testing;
using static IncidentResponse.EndToEnd.Tests.Security.MachineDoors;

namespace IncidentResponse.EndToEnd.Tests.Security;

/// <summary>
/// Each credential opens one door (issue 26 item 1, review H4 and T4): an integration key only its own
/// kind's intake, never the report form or the SMS gateway's door; the SMS gateway has a role of its own.
/// </summary>
public sealed class CredentialScopeTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task An_events_v2_key_files_no_report_is_no_sms_gateway_and_opens_only_the_events_door()
    {
        var key = await Api.IssueIntegrationKeyAsync("grafana " + Guid.NewGuid().ToString("N")[..8], "events-v2", new { classification = "availability:outage" });
        var grafana = Api.WithKey(key);

        using (var report = await grafana.PostJsonAsync("/api/v1/reports", LoudReport()))
        {
            await ProblemAsync(report, HttpStatusCode.Forbidden);
        }

        var codes = string.Join(' ', Enumerable.Range(0, 222).Select(_ => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()));
        using (var sms = await grafana.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000000", text = codes }))
        {
            await ProblemAsync(sms, HttpStatusCode.Forbidden);
        }

        using (var webhook = await grafana.PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload("{}:{alertname=\"HostDown\"}")))
        {
            await ProblemAsync(webhook, HttpStatusCode.Forbidden);
        }

        using (var ping = await grafana.PostJsonAsync("/api/v1/heartbeats/anything/ping", new { }))
        {
            await ProblemAsync(ping, HttpStatusCode.Forbidden);
        }

        var (status, body, response) = await Api.EnqueueAsync(MachineIntakeClient.Event(key, "trigger", summary: "Grafana " + Guid.NewGuid().ToString("N")));
        response.Dispose();
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
    }

    [Fact]
    public async Task An_alertmanager_key_opens_the_webhook_only_and_a_heartbeat_key_its_ping_only()
    {
        var alertmanagerKey = await Api.IssueIntegrationKeyAsync("am " + Guid.NewGuid().ToString("N")[..8], "alertmanager");
        var heartbeatKey = await Api.IssueIntegrationKeyAsync("hb " + Guid.NewGuid().ToString("N")[..8], "heartbeat");
        var alertmanager = Api.WithKey(alertmanagerKey);
        var heartbeat = Api.WithKey(heartbeatKey);

        using (var ok = await alertmanager.PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload("scope-" + Guid.NewGuid().ToString("N"))))
        {
            Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var (status, body, response) = await Api.EnqueueAsync(MachineIntakeClient.Event(alertmanagerKey, "trigger", summary: "not here"));
        response.Dispose();
        Assert.True(status == HttpStatusCode.BadRequest, body.ToString());
        Assert.Contains("routing_key", body.ToString(), StringComparison.Ordinal);

        foreach (var (client, what) in new[] { (alertmanager, "alertmanager"), (heartbeat, "heartbeat") })
        {
            using var report = await client.PostJsonAsync("/api/v1/reports", LoudReport());
            Assert.True(report.StatusCode == HttpStatusCode.Forbidden, $"{what} key filing a report: {(int)report.StatusCode}");
        }

        using (var hbOnWebhook = await heartbeat.PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload("scope-hb")))
        {
            await ProblemAsync(hbOnWebhook, HttpStatusCode.Forbidden);
        }

        using (var amOnPing = await alertmanager.PostJsonAsync("/api/v1/heartbeats/anything/ping", new { }))
        {
            await ProblemAsync(amOnPing, HttpStatusCode.Forbidden);
        }

        using (var operatorOnWebhook = await (await Api.KeyAsync("operator")).PostJsonAsync("/api/v1/integrations/alertmanager", AlertmanagerPayload("scope-op")))
        {
            await ProblemAsync(operatorOnWebhook, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_api_keys_endpoint_issues_sms_gateway_keys_but_no_integration_key_without_its_integration()
    {
        using (var bare = await Api.PostJsonAsync("/api/v1/api-keys", new { name = "bare integration", role = "integration" }))
        {
            var problem = await ProblemAsync(bare, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _), problem.ToString());
        }

        var gateway = await Api.KeyAsync("sms-gateway");
        using (var report = await gateway.PostJsonAsync("/api/v1/reports", LoudReport()))
        {
            await ProblemAsync(report, HttpStatusCode.Forbidden);
        }

        using (var reads = await gateway.SendAsync(HttpMethod.Get, "/api/v1/incidents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, reads.StatusCode);
        }
    }
}
