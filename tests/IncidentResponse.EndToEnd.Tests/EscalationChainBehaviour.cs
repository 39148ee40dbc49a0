using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>Whole chains, an acknowledgement in the middle, and a failed page escalating at once.</summary>
public sealed class EscalationChainBehaviour : EscalationBehaviour
{
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

        // Routing 2026.2 engages eight units for the serious DDoS (the report chain of QĐ 05/2017 Điều 11.5), each with its chain.
        const int units = 8;
        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{incident.Id}/timeline"),
            t => Kinds(t).Count(k => k is "escalation-paged" or "escalation-skipped") >= 4 * units && Kinds(t).Count(k => k == "escalation-exhausted") == units,
            TimeSpan.FromSeconds(30), "every step of every engaged unit on the timeline");

        // The five without an on-call schedule (the owner Văn phòng UBND tỉnh, Sở KH&CN, the national coordinator, standing body
        // and Steering Committee) skip step 1 of each round, on record; VNPT, PA05 and the committee are paged at every step.
        Assert.Equal(["bcd-qg", "bcd-qg", "skhcn-bn", "skhcn-bn", "thuongtruc-qg", "thuongtruc-qg", "vncert", "vncert", "vp-ubnd-bn", "vp-ubnd-bn"],
            UnitsOf(timeline, "escalation-skipped"));
        Assert.Equal(4 * units - 10, Kinds(timeline).Count(k => k == "escalation-paged"));
        Assert.Equal(["bcd-bn", "bcd-qg", "pa05-bn", "skhcn-bn", "thuongtruc-qg", "vncert", "vnpt-bn", "vp-ubnd-bn"], UnitsOf(timeline, "escalation-exhausted"));
    }

    private static List<string> UnitsOf(JsonElement timeline, string kind) =>
        [.. timeline.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind)
            .Select(e => e.GetProperty("data").GetProperty("unit").GetString()!).Order(StringComparer.Ordinal)];

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
}
