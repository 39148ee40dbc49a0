using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// People declare legal facts on an open incident (a whole embedded Host, called with an API key): personal data (the
/// 72-hour A05 notice, and A05 is engaged) and "may harm national security or public order" (the police report from 1/7/2026).
/// </summary>
public sealed class IncidentFactTests
{
    private const string Key = "incident-facts-test-key-0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Personal_data_and_a_national_security_harm_declared_on_an_open_incident_add_their_duties_and_reach_the_other_services()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var detected = SampleReports.DefaultDetectedAt;
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng dịch vụ công tỉnh", ownerCanHandle: true)));
        var id = incident.GetProperty("id").GetGuid();
        Assert.False(incident.GetProperty("personalData").GetBoolean());
        Assert.False(incident.GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        Assert.DoesNotContain(Duties(incident), d => d is "personal-data-notice" or "police-report");

        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/personal-data", new { reason = "  " }), HttpStatusCode.BadRequest, "reason");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/personal-data", new { reason = "x" }), HttpStatusCode.NotFound, "incident");
        using (var anonymous = await api.WithKey(null).PostJsonAsync($"/api/v1/incidents/{id}/personal-data", new { reason = "x" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var marked = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/personal-data", new { reason = "Bảng hồ sơ công dân bị truy vấn" }));
        Assert.True(marked.GetProperty("changed").GetBoolean());
        Assert.True(marked.GetProperty("personalData").GetBoolean());
        var notice = marked.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "personal-data-notice");
        Assert.Equal(detected.AddHours(72), notice.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("vn-2026-07", notice.GetProperty("regime").GetString());
        var again = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/personal-data", new { reason = "lần hai" }));
        Assert.False(again.GetProperty("changed").GetBoolean());

        var harm = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/national-security", new { reason = "Nội dung xuyên tạc trên cổng" }));
        Assert.True(harm.GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        var police = harm.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "police-report");
        Assert.Equal(detected, police.GetProperty("dueAt").GetDateTimeOffset());

        var after = await api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.True(after.GetProperty("personalData").GetBoolean());
        Assert.True(after.GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        var timeline = await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "personal-data-declared"));
        Assert.Equal(1, kinds.Count(k => k == "national-security-declared"));
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("summaryVi").GetString()!.Contains("Bảng hồ sơ công dân bị truy vấn", StringComparison.Ordinal));
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());

        // Notifications learned the new state: the routing rule for personal data engages A05.
        await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"),
            e => e.EnumerateArray().Any(x => x.GetProperty("unit").GetString() == "a05"),
            TimeSpan.FromSeconds(30), "A05 engaged after personal data was declared");

        var closed = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng thứ hai", ownerCanHandle: true, observable: "198.51.100.8")));
        var closedId = closed.GetProperty("id").GetGuid();
        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{closedId}/status", new { status = "closed", resolution = "false-positive" }));
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{closedId}/national-security", new { reason = "muộn" }), HttpStatusCode.Conflict, "closed");
    }

    [Fact]
    public async Task A_drill_takes_the_declaration_but_owes_no_duty()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var report = JsonSerializer.SerializeToNode(SampleReports.Ddos("Cổng diễn tập", ownerCanHandle: true), ApiClient.Json)!.AsObject();
        report["drill"] = true;
        var id = (await api.IncidentOfReportAsync(await api.SubmitReportAsync(report))).GetProperty("id").GetGuid();

        var marked = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/personal-data", new { reason = "Kịch bản diễn tập" }));
        var harm = await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/national-security", new { reason = "Kịch bản diễn tập" }));

        Assert.True(marked.GetProperty("personalData").GetBoolean());
        Assert.True(harm.GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        Assert.Equal(0, harm.GetProperty("deadlines").GetArrayLength());
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).GetArrayLength());
    }

    private static IEnumerable<string?> Duties(JsonElement incident) =>
        incident.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("id").GetString());

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string named)
    {
        using var response = await call;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
