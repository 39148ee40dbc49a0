using System.Net;
using System.Text.Json;
using IncidentResponse.Intake.Data;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The province's register of information systems over a real Host: coordinators keep it (audited), staff read it, and a
/// report naming a system's code is filled from it where it is blank, so triage and routing weigh the approved facts.
/// </summary>
public abstract class SystemRegisterBehaviour(HostFixture fixture)
{
    private static readonly string[] RegisteredIps = ["203.0.113.77"];

    private ApiClient Api => fixture.Api;

    private static string Code() => "he-thong-" + Guid.NewGuid().ToString("N")[..10];

    private static object System(string name = "Cổng dịch vụ công tỉnh", int? securityLevel = 4, string? isp = "Viettel", bool? active = null) => new
    {
        name,
        ownerAgency = "Văn phòng UBND tỉnh",
        @operator = "Trung tâm Công nghệ thông tin và Truyền thông",
        securityLevel,
        levelApproval = "Quyết định số 123/QĐ-UBND ngày 05/3/2025",
        isp,
        securityProvider = "VNPT-CA",
        domains = new[] { "dichvucong.bacninh.example.invalid" },
        ips = new[] { "203.0.113.20", "203.0.113.21" },
        services = new[] { "https" },
        operatingSystem = "Ubuntu 22.04",
        purpose = "Cung cấp dịch vụ công trực tuyến",
        active,
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await ApiClient.ReadJsonAsync(response);
    }

    private async Task<ApiClient> KeyAsync(string role)
    {
        using var issued = await Api.PostJsonAsync("/api/v1/api-keys", new { name = $"{role} {Guid.NewGuid():N}"[..20], role });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return Api.WithKey((await ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString());
    }

    private static object Report(string code, string title) => new
    {
        title,
        description = "Lưu lượng bất thường, cổng không truy cập được",
        classification = "availability:ddos",
        tlp = "AMBER",
        detectedAt = SampleReports.DefaultDetectedAtText,
        affectedSystem = new { code, operatingSystem = "Ubuntu 24.04" },
        impact = new { functional = "high", information = "none", recoverability = "supplemented", serviceInterrupted = true, ownerCanHandle = false },
    };

    [Fact]
    public async Task A_report_naming_a_registered_system_is_filled_from_the_register_and_routed_by_it()
    {
        var code = Code();
        using (var created = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", System()))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            Assert.Equal($"/api/v1/systems/{code}", created.Headers.Location?.OriginalString);
            var body = await ApiClient.ReadJsonAsync(created);
            Assert.Equal((1, 4, "Viettel"), (body.GetProperty("version").GetInt32(), body.GetProperty("securityLevel").GetInt32(), body.GetProperty("isp").GetString()));
        }

        using (var changed = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", System(name: "Cổng dịch vụ công tỉnh Bắc Ninh")))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(2, (await ApiClient.ReadJsonAsync(changed)).GetProperty("version").GetInt32());
        }

        var viewer = await KeyAsync("viewer");
        var read = await viewer.GetJsonAsync($"/api/v1/systems/{code}");
        Assert.Equal(("Cổng dịch vụ công tỉnh Bắc Ninh", "Quyết định số 123/QĐ-UBND ngày 05/3/2025"), (read.GetProperty("name").GetString(), read.GetProperty("levelApproval").GetString()));
        Assert.Contains((await viewer.GetJsonAsync("/api/v1/systems")).EnumerateArray(), s => s.GetProperty("code").GetString() == code);
        var audit = (await Api.GetJsonAsync($"/api/v1/audit?subject=system:{code}")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["system.changed", "system.created"], audit);

        var reportId = await Api.SubmitReportAsync(Report(code, $"DDoS vào {code}"));
        var report = (await Api.GetJsonAsync($"/api/v1/reports/{reportId}")).GetProperty("report").GetProperty("affectedSystem");
        Assert.Equal((code, "Cổng dịch vụ công tỉnh Bắc Ninh", 4, "Viettel", "Văn phòng UBND tỉnh"),
            (report.GetProperty("code").GetString(), report.GetProperty("name").GetString(), report.GetProperty("securityLevel").GetInt32(),
                report.GetProperty("isp").GetString(), report.GetProperty("ownerAgency").GetString()));
        Assert.Equal("Ubuntu 24.04", report.GetProperty("operatingSystem").GetString()); // what the report says stays
        Assert.Equal(["203.0.113.20", "203.0.113.21"], report.GetProperty("ips").EnumerateArray().Select(i => i.GetString()));

        // The register's ISP routes: the report named none.
        var incident = (await Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        var engaged = await Api.WaitUntilNotifiedAsync(incident, units: 2);
        Assert.Contains(engaged.EnumerateArray(), e => e.GetProperty("unit").GetString() == "viettel-bn");
        Assert.DoesNotContain(engaged.EnumerateArray(), e => e.GetProperty("unit").GetString() == "vnpt-bn");
    }

    [Fact]
    public async Task A_system_on_the_national_critical_list_makes_a_level_3_incident_serious()
    {
        var code = Code();
        var entry = new
        {
            name = "Hệ thống quan trọng " + code, ownerAgency = "Văn phòng UBND tỉnh", securityLevel = 3, isp = "VNPT", nationalCritical = true,
        };
        using (var created = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", entry))
        {
            Assert.True((await ApiClient.ReadJsonAsync(created)).GetProperty("nationalCritical").GetBoolean());
        }

        // Left out of a change, the flag stays as it was.
        using (var changed = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", new { name = entry.name, ownerAgency = entry.ownerAgency, securityLevel = 3, isp = "VNPT" }))
        {
            Assert.True((await ApiClient.ReadJsonAsync(changed)).GetProperty("nationalCritical").GetBoolean());
        }

        var reportId = await Api.SubmitReportAsync(Report(code, $"DDoS vào {code}"));
        var incident = await Api.IncidentOfReportAsync(reportId);
        var test = incident.GetProperty("triage").GetProperty("seriousTest");
        Assert.Equal((true, true, 3), (test.GetProperty("importantSystem").GetBoolean(), test.GetProperty("nationalCritical").GetBoolean(), test.GetProperty("securityLevel").GetInt32()));
        Assert.True(incident.GetProperty("serious").GetBoolean());
        Assert.True((await Api.GetJsonAsync($"/api/v1/reports/{reportId}")).GetProperty("report").GetProperty("affectedSystem").GetProperty("nationalCritical").GetBoolean());
    }

    [Fact]
    public async Task A_monitoring_source_watching_a_registered_system_raises_alerts_with_its_approved_facts()
    {
        // A level-3 system on the national list, hosted by Viettel; the integration says nothing of level, list, owner or ISP
        // (only that the owner cannot handle an outage alone, which the register does not keep).
        var code = Code();
        using (var created = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}",
            new { name = "Hệ thống giám sát " + code, ownerAgency = "Sở Tài chính", securityLevel = 3, isp = "Viettel", nationalCritical = true, ips = RegisteredIps }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var (systemCode, why) in new[] { ("khong-co-" + code, "unknown"), ("Ma Sai", "malformed") })
        {
            using var refused = await Api.PostJsonAsync("/api/v1/integrations", new { name = "nguồn " + why, kind = "events-v2", systemCode });
            Assert.True((await ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("systemCode", out _), why);
        }

        var key = await Api.IssueIntegrationKeyAsync("giám sát " + code, defaults: new { classification = "availability:outage", ownerCanHandle = false, systemCode = code });
        Assert.Contains((await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray(), i => i.GetProperty("systemCode").GetString() == code);
        var summary = $"Cổng {code} không phản hồi";
        var (status, answer, response) = await Api.EnqueueAsync(MachineIntakeClient.Event(key, "trigger", "down-" + code, summary, source: "web-01." + code));
        response.Dispose();
        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());

        var incident = Assert.Single(await Api.WaitForIncidentsAsync(summary, l => l.Count == 1, "the alert's incident"));
        var full = await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}");
        var test = full.GetProperty("triage").GetProperty("seriousTest");
        Assert.Equal((true, 3), (test.GetProperty("nationalCritical").GetBoolean(), test.GetProperty("securityLevel").GetInt32()));
        Assert.True(full.GetProperty("serious").GetBoolean(), test.ToString());
        // The facts, not the register's addresses: the source's key may read back the report it filed.
        var system = (await Api.GetJsonAsync($"/api/v1/reports/{full.GetProperty("reports")[0].GetProperty("reportId").GetGuid()}")).GetProperty("report").GetProperty("affectedSystem");
        Assert.Equal((code, "Sở Tài chính", "Viettel", "web-01." + code), (system.GetProperty("code").GetString(), system.GetProperty("ownerAgency").GetString(),
            system.GetProperty("isp").GetString(), system.GetProperty("name").GetString()));
        Assert.Empty(system.GetProperty("ips").EnumerateArray());
        var engaged = await Api.WaitUntilNotifiedAsync(full.GetProperty("id").GetGuid());
        Assert.Contains(engaged.EnumerateArray(), e => e.GetProperty("unit").GetString() == "viettel-bn"); // the register's ISP, not the integration's

        // Retired since: the source's next alert is still taken (a machine's alert is never refused for it), with the integration's facts only.
        using (var retired = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}",
            new { name = "Hệ thống giám sát " + code, ownerAgency = "Sở Tài chính", securityLevel = 3, isp = "Viettel", active = false }))
        {
            Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        }

        var later = $"Cổng {code} lại không phản hồi";
        var (again, _, second) = await Api.EnqueueAsync(MachineIntakeClient.Event(key, "trigger", "down-again-" + code, later, source: "web-02." + code));
        second.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, again);
        var plain = Assert.Single(await Api.WaitForIncidentsAsync(later, l => l.Count == 1, "the later alert's incident"));
        Assert.False((await Api.GetJsonAsync($"/api/v1/incidents/{plain.GetProperty("id").GetGuid()}")).GetProperty("serious").GetBoolean());
    }

    [Fact]
    public async Task Bad_entries_and_reports_naming_unknown_or_retired_systems_are_refused_and_nothing_is_kept()
    {
        var code = Code();
        foreach (var (path, body, field) in new (string, object, string)[]
        {
            ("/api/v1/systems/Co-Chu-Hoa", System(), "code"),
            ($"/api/v1/systems/{new string('a', 41)}", System(), "code"),
            ($"/api/v1/systems/{code}", new { ownerAgency = "Sở Tài chính" }, "name"),
            ($"/api/v1/systems/{code}", System(securityLevel: 7), "securityLevel"),
            ($"/api/v1/systems/{code}", new { name = "x", ips = new[] { "khong-phai-ip" } }, "ips[0]"),
            ($"/api/v1/systems/{code}", new { name = "x", levelApproval = "dòng 1\u0007" }, "levelApproval"),
            ($"/api/v1/systems/{code}", new { name = "dòng 1\ndòng 2" }, "name"),
            ($"/api/v1/systems/{code}", new { name = "x", services = new[] { "https", "a\tb" } }, "services[1]"),
            ($"/api/v1/systems/{code}", new { name = "x", expectedVersion = -1 }, "expectedVersion"),
        })
        {
            using var refused = await Api.SendJsonAsync(HttpMethod.Put, path, body);
            Assert.True((await ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        var operatorKey = await KeyAsync("operator");
        using (var byOperator = await operatorKey.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", System()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        }

        using (var missing = await Api.SendAsync(HttpMethod.Get, $"/api/v1/systems/{code}"))
        {
            await ProblemAsync(missing, HttpStatusCode.NotFound);
        }

        var retired = Code();
        using (var put = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{retired}", System(active: false)))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        // A change that leaves "active" out keeps the entry retired; one naming a version that is not the current one changes nothing.
        using (var kept = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{retired}", new { name = "Cổng cũ", expectedVersion = 1 }))
        {
            var body = await ApiClient.ReadJsonAsync(kept);
            Assert.Equal((false, 2), (body.GetProperty("active").GetBoolean(), body.GetProperty("version").GetInt32()));
        }

        using (var stale = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{retired}", new { name = "Cổng mới", expectedVersion = 1 }))
        {
            await ProblemAsync(stale, HttpStatusCode.Conflict);
        }

        Assert.Equal("Cổng cũ", (await Api.GetJsonAsync($"/api/v1/systems/{retired}")).GetProperty("name").GetString());
        Assert.DoesNotContain((await Api.GetJsonAsync("/api/v1/systems")).EnumerateArray(), s => s.GetProperty("code").GetString() == retired);
        Assert.Contains((await Api.GetJsonAsync("/api/v1/systems?includeInactive=true")).EnumerateArray(), s => s.GetProperty("code").GetString() == retired);
        var title = "Hệ thống không có " + Guid.NewGuid().ToString("N")[..8];
        var stored = await StoredReportsAsync();
        foreach (var named in new[] { code, retired, "Ma Sai" })
        {
            using var report = await Api.PostJsonAsync("/api/v1/reports", Report(named, title));
            Assert.True((await ProblemAsync(report, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("affectedSystem.code", out _), named);
        }

        Assert.Equal(stored, await StoredReportsAsync()); // refused whole: not stored, so never triaged either
    }

    /// <summary>How many reports the Host's intake has stored (this class's own deployment: its tests run one at a time).</summary>
    private async Task<int> StoredReportsAsync()
    {
        using var scope = fixture.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_longest_values_of_an_entry_are_kept_whole()
    {
        var code = "a" + Guid.NewGuid().ToString("N") + "-456789";
        Assert.Equal(40, code.Length);
        var text = new string('Ệ', 500);
        var entry = new
        {
            name = text, ownerAgency = text, @operator = text, securityLevel = 5, levelApproval = new string('Đ', 300), isp = text, securityProvider = text,
            domains = new[] { "a.example.invalid" }, ips = new[] { "2001:db8::1" }, services = new[] { text }, operatingSystem = text, purpose = text,
        };
        using (var created = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/systems/{code}", entry))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var read = await Api.GetJsonAsync($"/api/v1/systems/{code}");
        Assert.Equal((text, new string('Đ', 300), text), (read.GetProperty("name").GetString(), read.GetProperty("levelApproval").GetString(), read.GetProperty("purpose").GetString()));
    }
}

public sealed class SystemRegisterOnEmbeddedDefault(EmbeddedHostFixture fixture) : SystemRegisterBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class SystemRegisterOnRabbitMqAndPostgres(DistributedHostFixture fixture) : SystemRegisterBehaviour(fixture), IClassFixture<DistributedHostFixture>;
