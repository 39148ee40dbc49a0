using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// Escalation through real Hosts with second-scale policies: whole chains, an acknowledgement in the
/// middle, a failed page escalating at once, a step due while the Host is down, and two Hosts on one
/// PostgreSQL and RabbitMQ firing each step once.
/// </summary>
public sealed class EscalationBehaviour(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_acknowledgement_the_chain_pages_step_1_then_step_2_repeats_and_ends_exhausted()
    {
        await using var partners = await PartnerServers.StartAsync();
        using var data = new TempDirectory();
        using var rules = Rules(Policy("""
              - after: 2s
                targets: [{ oncall: self }]
              - after: 2s
                targets: [{ person: bcd-tran-thi-binh }]
            """, repeat: "1"));
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(rules, partners.Settings));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);

        var (incident, engagement) = await EngageVnptAsync(api, "Chuỗi không xác nhận");
        var chain = await WaitForChainAsync(api, engagement, c => c.GetProperty("state").GetString() == "exhausted", TimeSpan.FromSeconds(90));

        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2)], Steps(chain).Select(s => (s.Round, s.Step)));
        Assert.All(Steps(chain), s => Assert.Equal("paged", s.Outcome));
        Assert.Equal("e2e.1", chain.GetProperty("policyVersion").GetString());
        Assert.Contains(Steps(chain), s => s.Detail.Contains("vnpt-pham-minh-duc", StringComparison.Ordinal));

        // Each step paged its person once (the on-call of VNPT, then the committee's officer), and every page was delivered.
        var pages = await Eventually.MatchesAsync(() => PagesAsync(api, incident.Id, engagement),
            p => p.Count == 4 && p.All(x => x.Status == "delivered"), TimeSpan.FromSeconds(30), "the four pages delivered");
        Assert.Equal(["step:1:1", "step:1:2", "step:2:1", "step:2:2"], pages.Select(p => p.Origin).Order(StringComparer.Ordinal));
        Assert.Equal(["Phạm Minh Đức", "Phạm Minh Đức", "Trần Thị Bình", "Trần Thị Bình"], pages.Select(p => p.Recipient).Order(StringComparer.Ordinal));

        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{incident.Id}/timeline"),
            t => Kinds(t).Count(k => k is "escalation-paged" or "escalation-skipped") >= 4 * 5 && Kinds(t).Count(k => k == "escalation-exhausted") == 5,
            TimeSpan.FromSeconds(30), "every step of every engaged unit on the timeline");

        // Five units engaged; the two without an on-call schedule (Sở KH&CN, VNCERT/CC) skip step 1 of each round, on record.
        Assert.Equal(4, Kinds(timeline).Count(k => k == "escalation-skipped"));
        Assert.Equal(4 * 5 - 4, Kinds(timeline).Count(k => k == "escalation-paged"));
    }

    [Fact]
    public async Task An_acknowledgement_in_the_middle_of_the_chain_stops_every_further_page()
    {
        await using var partners = await PartnerServers.StartAsync();
        using var data = new TempDirectory();
        using var rules = Rules(Policy("""
              - after: 2s
                targets: [{ oncall: self }]
              - after: 4s
                targets: [{ person: bcd-tran-thi-binh }]
            """, repeat: EscalationRepeatsForever));
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(rules, partners.Settings));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var (incident, engagement) = await EngageVnptAsync(api, "Xác nhận giữa chuỗi");
        await WaitForChainAsync(api, engagement, c => Steps(c).Count >= 1, TimeSpan.FromSeconds(60));

        using (var ack = await api.PostJsonAsync($"/api/v1/engagements/{engagement}/acknowledge", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var acknowledged = await WaitForChainAsync(api, engagement, c => c.GetProperty("state").GetString() == "acknowledged", TimeSpan.FromSeconds(30));
        var firedBefore = Steps(acknowledged).Count;
        var pagesBefore = (await PagesAsync(api, incident.Id, engagement)).Count;
        await Task.Delay(TimeSpan.FromSeconds(8), Cancel); // two more steps would have fallen due

        var after = await api.GetJsonAsync($"/api/v1/engagements/{engagement}/escalation");
        Assert.Equal(firedBefore, Steps(after).Count);
        Assert.Equal("acknowledged", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("nextDueAt").ValueKind); // no acknowledgement timeout in this policy
        Assert.Equal(pagesBefore, (await PagesAsync(api, incident.Id, engagement)).Count);
        Assert.Equal("acknowledged", Engagement(await api.GetJsonAsync($"/api/v1/engagements/{engagement}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_page_that_reaches_nobody_escalates_to_the_next_step_at_once()
    {
        await using var webhook = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 400, "{\"error\":\"no such route\"}"));
        using var data = new TempDirectory();
        using var rules = Rules(Policy($$"""
              - after: 1s
                targets: [{ webhook: "{{new Uri(webhook.Address, "/page")}}", secretRef: e2e-hook }]
              - after: 10m
                targets: [{ unit: bcd-bn }]
            """, repeat: "0"));
        var settings = Settings(rules, new Dictionary<string, string> { ["Notifications:Secrets:e2e-hook"] = "e2e-webhook-secret-0123456789" });
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var (_, engagement) = await EngageVnptAsync(api, "Trang không tới được");

        var chain = await WaitForChainAsync(api, engagement, c => Steps(c).Count == 2, TimeSpan.FromSeconds(60));

        var steps = Steps(chain);
        Assert.True(steps[1].FiredAt - steps[1].DueAt < TimeSpan.FromMinutes(9),
            $"step 2 was due {steps[1].DueAt:O} and fired {steps[1].FiredAt:O}: it must not have waited for its 10 minutes");
        Assert.True(steps[1].FiredAt - steps[0].FiredAt < TimeSpan.FromMinutes(1));
        Assert.NotEmpty(webhook.Requests);
    }

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
        Assert.All(firedBy, f => Assert.Contains('/', f)); // each step names the Quartz scheduler that fired it
    }

    private const string EscalationRepeatsForever = "until-acknowledged";

    private sealed record Incident(Guid Id, string Number);

    private sealed record FiredStep(int Round, int Step, string Outcome, string Detail, DateTimeOffset DueAt, DateTimeOffset FiredAt, string FiredBy);

    private static async Task<(Incident Incident, Guid VnptEngagement)> EngageVnptAsync(ApiClient api, string title)
    {
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos($"{title} {Guid.NewGuid():N}")));
        var id = incident.GetProperty("id").GetGuid();
        var engagements = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"),
            e => e.EnumerateArray().Any(x => x.GetProperty("unit").GetString() == "vnpt-bn"), TimeSpan.FromSeconds(60), "VNPT engaged");
        var vnpt = engagements.EnumerateArray().Single(x => x.GetProperty("unit").GetString() == "vnpt-bn").GetProperty("id").GetGuid();
        return (new Incident(id, incident.GetProperty("number").GetString()!), vnpt);
    }

    private static Task<JsonElement> WaitForChainAsync(ApiClient api, Guid engagement, Func<JsonElement, bool> condition, TimeSpan timeout) =>
        Eventually.MatchesAsync(async () =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{engagement}/escalation");
            return response.StatusCode == HttpStatusCode.OK ? await ApiClient.ReadJsonAsync(response) : default;
        }, c => c.ValueKind == JsonValueKind.Object && condition(c), timeout, $"the escalation of engagement {engagement}");

    private static List<FiredStep> Steps(JsonElement chain) =>
        [.. chain.GetProperty("steps").EnumerateArray().Select(s => new FiredStep(s.GetProperty("round").GetInt32(), s.GetProperty("step").GetInt32(),
            s.GetProperty("outcome").GetString()!, s.GetProperty("detail").GetString()!, s.GetProperty("dueAt").GetDateTimeOffset(),
            s.GetProperty("firedAt").GetDateTimeOffset(), s.GetProperty("firedBy").GetString()!))];

    private static List<string> Kinds(JsonElement timeline) =>
        [.. timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    private sealed record Page(string Origin, string Recipient, string Status);

    /// <summary>The escalation pages (not the first notice) sent for one engagement.</summary>
    private static async Task<List<Page>> PagesAsync(ApiClient api, Guid incident, Guid engagement) =>
        [.. (await api.GetJsonAsync($"/api/v1/deliveries?incident={incident}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("engagementId").ValueKind == JsonValueKind.String && d.GetProperty("engagementId").GetGuid() == engagement)
            .Where(d => d.GetProperty("origin").GetString()!.StartsWith("step:", StringComparison.Ordinal))
            .Select(d => new Page(d.GetProperty("origin").GetString()!, d.GetProperty("recipient").GetString()!, d.GetProperty("status").GetString()!))];

    private static JsonElement Engagement(JsonElement engagement) =>
        engagement.TryGetProperty("engagement", out var inner) ? inner : engagement;

    private static string Policy(string steps, string repeat) => $"""
        version: "e2e.1"
        effectiveFrom: "2020-01-01T00:00:00+07:00"
        deadlines: {"{"} notify: bcd-bn, remindBefore: [1h] {"}"}
        policies:
          - id: e2e
            name: {"{"} vi: "Kiểm thử", en: "Test" {"}"}
            steps:
        {string.Join('\n', steps.Split('\n').Select(line => "    " + line))}
            repeat: "{repeat}"
        """;

    /// <summary>A rules directory with the shipped schedules and the test's policy.</summary>
    private static TempDirectory Rules(string policy)
    {
        var directory = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Rules", "schedules-2026.1.yaml"), Path.Combine(directory.Path, "schedules-2026.1.yaml"));
        File.WriteAllText(Path.Combine(directory.Path, "escalation-policies-e2e.yaml"), policy);
        return directory;
    }

    private static Dictionary<string, string> Settings(TempDirectory rules, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings)
        {
            ["Escalation:RulesDirectory"] = rules.Path,
            ["Escalation:ReconcileInterval"] = "00:00:05",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
