using System.Text.RegularExpressions;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The recipients the law names and changes reaching those already engaged, end to end on the embedded default, with
/// the shipped directory and routing 2026.2 brought forward into force: a report routed to its ISP and owner, then a
/// correlated report making it serious — the units already engaged get an update mail, the committee and the national
/// bodies are engaged per the report chain; and a serious incident declared by hand under the 2026 rules owes Mẫu 03.
/// </summary>
public sealed partial class RecipientsBehaviour
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correlated_report_making_the_incident_serious_updates_the_ISP_and_engages_the_committee_and_the_national_bodies()
    {
        using var data = new TempDirectory();
        using var rules = await RulesInForceAsync();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(rules));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var system = $"Cổng dịch vụ công {Guid.NewGuid():N}"[..26];

        var first = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: true, tlp: "GREEN", isp: "VNPT Bắc Ninh")));
        var id = first.GetProperty("id").GetGuid();
        var number = first.GetProperty("number").GetString()!;
        Assert.False(first.GetProperty("serious").GetBoolean());
        var before = Units(await api.WaitUntilNotifiedAsync(id, units: 5, timeout: TimeSpan.FromSeconds(60)));
        Assert.Equal(["pa05-bn", "skhcn-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"], before.Keys.Order());
        Assert.Equal("isp-availability-intrusion", before["vnpt-bn"]);
        Assert.Equal("owner-of-the-system", before["vp-ubnd-bn"]);

        var second = await api.WaitUntilTriagedAsync(await api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: false, tlp: "GREEN", isp: "VNPT Bắc Ninh")));
        Assert.Equal(id, second.GetProperty("incidentId").GetGuid());

        var after = Units(await api.WaitUntilNotifiedAsync(id, units: 8, timeout: TimeSpan.FromSeconds(60)));
        Assert.Equal("chain-serious", after["bcd-bn"]);
        Assert.Equal("chain-committee-to-national", after["thuongtruc-qg"]);
        Assert.Equal("chain-committee-to-national", after["bcd-qg"]);
        var mails = await Eventually.MatchesAsync(() => Task.FromResult(Mails(data, number)),
            m => m.Count(x => x.Subject!.StartsWith("[CẬP NHẬT / UPDATE]", StringComparison.Ordinal)) >= 5, TimeSpan.FromSeconds(60),
            "an update mail to each of the five units engaged before");
        var updates = mails.Where(m => m.Subject!.StartsWith("[CẬP NHẬT / UPDATE]", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, updates.Count);
        var isp = Assert.Single(updates, m => m.To.Mailboxes.Single().Address == "soc@vnpt-bacninh.example.invalid");
        Assert.Contains("sự cố đã được xác định là nghiêm trọng", isp.TextBody, StringComparison.Ordinal);
        Assert.Contains($"mức độ tăng từ {SeverityLevels.Of(3).NameVi} lên {SeverityLevels.Of(4).NameVi}", isp.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tấn công từ chối dịch vụ (DDoS)", isp.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("availability:ddos", isp.TextBody, StringComparison.Ordinal);
        Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "vanphong@bcd-quocgia.example.invalid" && m.Subject!.StartsWith("[TBSC]", StringComparison.Ordinal));

        var chain = await api.GetJsonAsync($"/api/v1/engagements/{EngagementOf(await api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"), "vnpt-bn")}/escalation");
        Assert.Equal("serious", chain.GetProperty("policyId").GetString());
        Assert.Equal("Sự cố nghiêm trọng (QĐ 05/2017): xác nhận ngay", chain.GetProperty("policyNameVi").GetString());
        Assert.Equal("Serious incident (Decision 05/2017): acknowledge at once", chain.GetProperty("policyNameEn").GetString());
    }

    [Fact]
    public async Task An_incident_declared_serious_by_hand_under_the_2026_rules_owes_the_Mau_03_report_to_resolvable_recipients()
    {
        using var data = new TempDirectory();
        using var rules = await RulesInForceAsync();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: Settings(rules));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(
            SampleReports.Ddos($"Hệ thống một cửa {Guid.NewGuid():N}"[..25], ownerCanHandle: true)));
        var id = incident.GetProperty("id").GetGuid();
        Assert.DoesNotContain(Duties(await api.GetJsonAsync($"/api/v1/incidents/{id}/duties")), d => d == "initial-report");

        using var declared = await api.PostJsonAsync($"/api/v1/incidents/{id}/severity", new { level = 4, serious = true, reason = "Chủ quản không tự xử lý được" });
        Assert.True(declared.IsSuccessStatusCode);

        var duties = await api.GetJsonAsync($"/api/v1/incidents/{id}/duties");
        var initial = duties.EnumerateArray().Single(d => d.GetProperty("id").GetString() == "initial-report");
        Assert.Equal("vn-2026-07", initial.GetProperty("regime").GetString());
        await api.WaitUntilNotifiedAsync(id, units: 1, timeout: TimeSpan.FromSeconds(60)); // notifications holds the incident
        var roles = await api.GetJsonAsync($"/api/v1/recipient-roles?incident={id}");
        var units = roles.EnumerateArray().ToDictionary(r => r.GetProperty("role").GetString()!,
            r => r.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList());
        Assert.All(initial.GetProperty("recipients").EnumerateArray(), r => Assert.NotEmpty(units[r.GetString()!]));
        Assert.Equal(["vp-ubnd-bn"], units["owner"]);
        Assert.Equal(["pa05-bn"], units["specialised-unit"]);
        using var bad = await api.SendAsync(HttpMethod.Get, "/api/v1/recipient-roles?incident=not-a-guid");
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("incident", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>The shipped Notifications rules, with the 2026.2 directory and routing in force from the start of 2026.</summary>
    private static async Task<TempDirectory> RulesInForceAsync()
    {
        var rules = new TempDirectory();
        var shipped = Path.Combine(AppContext.BaseDirectory, "Rules");
        foreach (var file in Directory.EnumerateFiles(shipped, "*.yaml").Where(f => Path.GetFileName(f) is var n && (n.StartsWith("directory-", StringComparison.Ordinal)
            || n.StartsWith("routing-", StringComparison.Ordinal) || n.StartsWith("tlp-disclosure-", StringComparison.Ordinal))))
        {
            var text = await File.ReadAllTextAsync(file, Cancel);
            if (Path.GetFileName(file).EndsWith("-2026.2.yaml", StringComparison.Ordinal))
            {
                text = EffectiveFrom().Replace(text, "effectiveFrom: 2026-01-02T00:00:00+07:00");
            }

            await File.WriteAllTextAsync(Path.Combine(rules.Path, Path.GetFileName(file)), text, Cancel);
        }

        return rules;
    }

    private static Dictionary<string, string> Settings(TempDirectory rules) =>
        new(HostFixture.Settings) { ["Notifications:RulesDirectory"] = rules.Path };

    private static Dictionary<string, string> Units(System.Text.Json.JsonElement engagements) =>
        engagements.EnumerateArray().ToDictionary(e => e.GetProperty("unit").GetString()!, e => e.GetProperty("ruleId").GetString()!);

    private static Guid EngagementOf(System.Text.Json.JsonElement engagements, string unit) =>
        engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == unit).GetProperty("id").GetGuid();

    private static List<string> Duties(System.Text.Json.JsonElement duties) => duties.EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();

    private static List<MimeMessage> Mails(TempDirectory data, string number)
    {
        var pickup = Path.Combine(data.Path, "mail-pickup");
        return Directory.Exists(pickup)
            ? Directory.EnumerateFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Headers["X-IR-Incident"] == number).ToList()
            : [];
    }

    [GeneratedRegex(@"^effectiveFrom: .*$", RegexOptions.Multiline)]
    private static partial Regex EffectiveFrom();
}
