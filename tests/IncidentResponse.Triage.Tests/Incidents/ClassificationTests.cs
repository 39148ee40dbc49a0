using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// A person corrects an open incident's classification with a reason (an e-mailed report is filed as other:undetermined):
/// the timeline says so, and notifications routes by the new class (a whole embedded Host, called with an API key).
/// </summary>
public sealed class ClassificationTests
{
    private const string Key = "classification-test-key-0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_undetermined_incident_reclassified_as_a_DDoS_says_so_on_the_timeline_and_engages_the_provider()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(
            SampleReports.Ddos("Cổng chưa rõ " + TestNames.Unique("class"), classification: "other:undetermined", isp: "VNPT")));
        var id = incident.GetProperty("id").GetGuid();
        var units = await Eventually.MatchesAsync(() => UnitsAsync(api, id), u => u.Count > 0, TimeSpan.FromSeconds(30), "the first engagements");
        Assert.DoesNotContain("vnpt-bn", units); // the provider is told of availability and intrusion incidents only

        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:flood", reason = "x" }), HttpStatusCode.BadRequest, "classification");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:ddos" }), HttpStatusCode.BadRequest, "reason");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/classification", new { classification = "availability:ddos", reason = "x" }), HttpStatusCode.NotFound, "incident");

        var changed = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:ddos", reason = "Nhà mạng xác nhận lưu lượng tấn công" }));
        Assert.Equal("other:undetermined", changed.GetProperty("previous").GetString());
        Assert.Equal("availability:ddos", changed.GetProperty("classification").GetString());
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:ddos", reason = "lần hai" }), HttpStatusCode.BadRequest, "classification");

        Assert.Equal("availability:ddos", (await api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("classification").GetString());
        var entry = (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "classification-changed");
        Assert.Contains("sang", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("(availability:ddos). Lý do: Nhà mạng xác nhận lưu lượng tấn công", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
        // Notifications routes by the new class: the system's provider is engaged now.
        await Eventually.MatchesAsync(() => UnitsAsync(api, id), u => u.Contains("vnpt-bn"), TimeSpan.FromSeconds(30), "VNPT engaged after the reclassification");

        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" }));
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:dos", reason = "muộn" }), HttpStatusCode.Conflict, "closed");
    }

    [Fact]
    public async Task Reclassified_as_a_system_compromise_an_important_system_s_incident_becomes_serious_and_owes_the_serious_duties()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        // A level-4 system its owner cannot handle, but no consequence the serious test names yet: the service runs.
        var report = JsonSerializer.SerializeToNode(SampleReports.Ddos("Hệ thống lạ " + TestNames.Unique("serious"), classification: "other:undetermined"), ApiClient.Json)!.AsObject();
        report["impact"]!["serviceInterrupted"] = false;
        report["impact"]!["functional"] = "none";
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(report));
        var id = incident.GetProperty("id").GetGuid();
        Assert.False(incident.GetProperty("serious").GetBoolean());
        Assert.DoesNotContain(incident.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("id").GetString() == "serious-initial-notice");

        var changed = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification",
            new { classification = "intrusions:system-compromise", reason = "Kẻ tấn công chiếm quyền quản trị" }));

        Assert.Contains(changed.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("id").GetString() == "serious-initial-notice");
        var after = await api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.True(after.GetProperty("serious").GetBoolean()); // loss of control of an important system (QĐ 05/2017 Điều 9)
        var kinds = (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["classification-changed", "severity-changed"], kinds.Where(k => k is "classification-changed" or "severity-changed"));
    }

    private static async Task<List<string>> UnitsAsync(ApiClient api, Guid id) =>
        [.. (await api.GetJsonAsync($"/api/v1/incidents/{id}/engagements")).EnumerateArray().Select(e => e.GetProperty("unit").GetString()!)];

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string mentions)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(mentions, body, StringComparison.Ordinal);
    }
}
