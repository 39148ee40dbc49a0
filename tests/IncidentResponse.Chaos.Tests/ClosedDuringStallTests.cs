using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>Issue 22: incidents closed before their units are engaged, while routing is held up (review T3).</summary>
public sealed class ClosedDuringStallTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 600_000)]
    public async Task Incidents_closed_while_their_routing_is_held_up_are_not_paged_about_afterwards()
    {
        var name = TestNames.Unique("chaosclose");
        var database = await infrastructure.CreateDatabaseAsync(name);
        using var rules = new TempDirectory();
        ChaosRun.RulesWithPolicy(rules.Path, FirstPageAfter20Seconds);
        var settings = new Dictionary<string, string>(ChaosRun.Distributed(database, await infrastructure.CreateVirtualHostAsync(name)))
        {
            ["Escalation__RulesDirectory"] = rules.Path,
            ["Escalation__ReconcileInterval"] = "00:00:05",
        };
        await using var run = await ChaosRun.StartAsync("closed-during-stall", settings);
        var reports = ChaosOptions.CloseReports;
        var closed = new Dictionary<Guid, DateTimeOffset>();

        var lockedAt = TimeProvider.System.GetUtcNow();
        await using (var tables = await TableLock.TakeAsync(database, ["notifications.engagements"], Cancel))
        {
            run.Journal.Say($"notifications.engagements locked; filing {reports} reports and closing every other incident");
            var filings = await Task.WhenAll(Enumerable.Range(0, reports).Select(_ => run.Client.FileOneAsync(Cancel)));
            foreach (var filing in filings.Where(f => f.Index % 2 == 0 && f.ReportId is not null))
            {
                var report = await run.Api.WaitUntilTriagedAsync(filing.ReportId!.Value, TimeSpan.FromSeconds(60));
                var incident = report.GetProperty("incidentId").GetGuid();
                var closing = TimeProvider.System.GetUtcNow();
                using var answer = await run.Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{incident}/status", new { status = "closed", resolution = "false-positive" });
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"closing {incident}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Cancel)}");
                closed[incident] = closing;
            }

            var left = lockedAt + ChaosOptions.CloseLock - TimeProvider.System.GetUtcNow();
            run.Journal.Say($"closed {closed.Count} incidents; the lock is held {Math.Max(0, left.TotalSeconds):0} s more");
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, Cancel);
            }

            await tables.ReleaseAsync();
            run.Disruptions.Add(new Disruption("lock", lockedAt, TimeProvider.System.GetUtcNow()));
            run.Journal.Say("lock released");
        }

        // Settled only once every open incident has had its first escalation page: pages are being sent,
        // so a closed incident's chain had the same time to page.
        var audit = new PipelineAudit(run.Api, run.Pickup, run.Journal)
        {
            Closed = closed,
            AlsoWaitFor = async incidents =>
            {
                foreach (var incident in incidents.Where(i => !closed.ContainsKey(i.Id)))
                {
                    var deliveries = await run.Api.GetJsonAsync($"/api/v1/deliveries?incident={incident.Id}&pageSize=200");
                    if (!deliveries.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("origin").GetString()!.StartsWith("step:", StringComparison.Ordinal)))
                    {
                        return false;
                    }
                }

                return true;
            },
        };
        await run.AuditAsync(reports, audit);
        Assert.True(closed.Count > 0, "no incident was closed");
    }

    /// <summary>Every engagement pages its own unit again 20 s after it was engaged, once.</summary>
    private const string FirstPageAfter20Seconds = """
        version: "chaos.1"
        effectiveFrom: "2020-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: chaos
            name: { vi: "Kiểm thử sự cố", en: "Fault test" }
            steps:
              - after: 20s
                targets: [{ unit: self }]
            repeat: "0"
        """;
}
