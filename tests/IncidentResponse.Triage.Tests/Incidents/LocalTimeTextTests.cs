using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// Times in the timeline's words are the committee's local time with the offset stated, never bare UTC (domain audit rows 37/60);
/// a legal deadline alert's entry names the unit told, or says that nobody was.
/// </summary>
public sealed class LocalTimeTextTests
{
    private const string Key = "local-time-text-test-key-0123456789abcdef";

    [Fact]
    public async Task A_legal_deadline_alert_on_the_timeline_gives_its_due_time_in_Vietnam_time()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("giờ"))));
        var id = incident.GetProperty("id").GetGuid();
        var due = new DateTimeOffset(2026, 12, 5, 17, 30, 0, TimeSpan.Zero); // 00:30 the next day in Hà Nội

        await host.Services.GetRequiredService<IBus>().Publish(new LegalDeadlineAlert(id, incident.GetProperty("number").GetString()!, "serious-initial-notice",
            LegalDeadlineAlert.Overdue, due, "Thông báo ban đầu", "Initial notice", "QĐ 05/2017", "bcd-bn", due.AddMinutes(5)), TestContext.Current.CancellationToken);

        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "legal-deadline-alert"), TimeSpan.FromSeconds(30), "the alert on the timeline");
        var entry = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "legal-deadline-alert");
        Assert.Contains("(hạn 06/12/2026 00:30 (UTC+07:00), QĐ 05/2017)", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("(due 06/12/2026 00:30 (UTC+07:00), QĐ 05/2017)", entry.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("; đã gửi cảnh báo tới Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("; alert sent to Bắc Ninh Steering Committee for emergency response to cyber security incidents", entry.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legal_deadline_alert_naming_a_unit_the_directory_does_not_hold_says_nobody_was_told()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("không ai"))));
        var id = incident.GetProperty("id").GetGuid();
        var due = TimeProvider.System.GetUtcNow().AddHours(-2);

        await host.Services.GetRequiredService<IBus>().Publish(new LegalDeadlineAlert(id, incident.GetProperty("number").GetString()!, "serious-initial-notice",
            LegalDeadlineAlert.OverdueStage(2), due, "Thông báo ban đầu", "Initial notice", "QĐ 05/2017", "bcd-bm", due.AddHours(1)), TestContext.Current.CancellationToken);

        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "legal-deadline-alert"), TimeSpan.FromSeconds(30), "the alert on the timeline");
        var entry = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "legal-deadline-alert");
        Assert.StartsWith("QUÁ HẠN pháp lý: Thông báo ban đầu", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("KHÔNG báo được ai: đơn vị «bcd-bm»", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("NOBODY told: the unit «bcd-bm»", entry.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("đã gửi", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
    }
}
