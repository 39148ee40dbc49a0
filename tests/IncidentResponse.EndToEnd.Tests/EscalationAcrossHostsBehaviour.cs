using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>A step due while the Host is down, and two Hosts on one PostgreSQL and RabbitMQ firing each step once.</summary>
public sealed class EscalationAcrossHostsBehaviour(InfrastructureFixture infrastructure) : EscalationBehaviour
{
    [Fact]
    public async Task A_step_due_while_the_Host_is_stopped_fires_exactly_once_when_it_starts_again()
    {
        using var data = new TempDirectory();
        using var rules = Rules(Policy("""
              - after: 5s
                targets: [{ unit: self }]
            """, repeat: "0"));
        var deployment = new EmbeddedDeployment(data.Path);
        Guid engagement;
        Guid incident;
        DateTimeOffset due;
        await using (var first = await TestHost.StartAsync(deployment, settings: Settings(rules)))
        {
            var api = new ApiClient(first.Http, HostFixture.AdminKey);
            Incident filed;
            (filed, engagement) = await EngageVnptAsync(api, "Dừng máy");
            incident = filed.Id;
            var chain = await WaitForChainAsync(api, engagement, c => c.GetProperty("nextDueAt").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30));
            Assert.Empty(Steps(chain));
            due = chain.GetProperty("nextDueAt").GetDateTimeOffset();
        }

        var wait = due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(2);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Cancel); // the step falls due while nothing runs
        }

        await using var second = await TestHost.StartAsync(deployment, settings: Settings(rules));
        var again = new ApiClient(second.Http, HostFixture.AdminKey);
        var fired = await WaitForChainAsync(again, engagement, c => c.GetProperty("state").GetString() == "exhausted", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel); // a second firing would show by now

        var step = Assert.Single(Steps(await again.GetJsonAsync($"/api/v1/engagements/{engagement}/escalation")));
        Assert.Equal((1, 1), (step.Round, step.Step));
        Assert.True(step.FiredAt > due, "fired after its due time, on restart");
        var pages = await Eventually.MatchesAsync(() => PagesAsync(again, incident, engagement), p => p.Count >= 1, TimeSpan.FromSeconds(30), "the page");
        Assert.Equal("step:1:1", Assert.Single(pages).Origin);
        Assert.Equal("exhausted", fired.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_Hosts_sharing_PostgreSQL_and_RabbitMQ_fire_every_step_exactly_once()
    {
        var name = TestNames.Unique("twohosts");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        using var rules = Rules(Policy("""
              - after: 2s
                targets: [{ unit: self }]
            """, repeat: "2"));
        await using var a = await TestHost.StartAsync(deployment, settings: Settings(rules));
        await using var b = await TestHost.StartAsync(deployment, settings: Settings(rules));
        var apiA = new ApiClient(a.Http, HostFixture.AdminKey);
        var apiB = new ApiClient(b.Http, HostFixture.AdminKey);

        var incidents = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var incident = await (i % 2 == 0 ? apiA : apiB).IncidentOfReportAsync(
                await (i % 2 == 0 ? apiA : apiB).SubmitReportAsync(SampleReports.Ddos($"Hai máy chủ {name} {i}", observable: $"198.51.100.{20 + i}")));
            incidents.Add(incident.GetProperty("id").GetGuid());
        }

        var engagements = new List<Guid>();
        foreach (var incident in incidents)
        {
            var engaged = await Eventually.MatchesAsync(() => apiB.GetJsonAsync($"/api/v1/incidents/{incident}/engagements"),
                e => e.GetArrayLength() >= 5, TimeSpan.FromSeconds(60), "the units engaged");
            engagements.AddRange(engaged.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        }

        var firedBy = new HashSet<string>(StringComparer.Ordinal);
        foreach (var engagement in engagements)
        {
            var chain = await WaitForChainAsync(apiA, engagement, c => c.GetProperty("state").GetString() == "exhausted", TimeSpan.FromSeconds(120));
            Assert.Equal([(1, 1), (2, 1), (3, 1)], Steps(chain).Select(s => (s.Round, s.Step)));
            firedBy.UnionWith(Steps(chain).Select(s => s.FiredBy));
        }

        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        var deliveries = new List<(Guid Engagement, string Origin)>();
        foreach (var incident in incidents)
        {
            deliveries.AddRange((await apiA.GetJsonAsync($"/api/v1/deliveries?incident={incident}&pageSize=200")).GetProperty("items").EnumerateArray()
                .Where(d => d.GetProperty("origin").GetString()!.StartsWith("step:", StringComparison.Ordinal))
                .Select(d => (d.GetProperty("engagementId").GetGuid(), d.GetProperty("origin").GetString()!)));
        }

        Assert.Equal(engagements.Count * 3, deliveries.Count); // one page per step of every chain
        Assert.Equal(deliveries.Count, deliveries.Distinct().Count()); // and none twice
        // Each step names the Host and the Quartz instance that fired it: a clustered store needs an id per Host, or a dead
        // Host's check-in row is every Host's and its acquired wake-ups are never recovered. Quartz 4 makes one when
        // clustering is on (before, every node stayed NON_CLUSTERED unless told AUTO); this holds it to that.
        Assert.All(firedBy, f => Assert.DoesNotContain("NON_CLUSTERED", f, StringComparison.Ordinal));
        Assert.Equal(firedBy.Count, firedBy.Select(f => f[(f.IndexOf('/', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal).Count());
    }
}
