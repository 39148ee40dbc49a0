using System.Globalization;
using System.Text.Json;
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
    public async Task A_legal_deadline_alert_on_the_timeline_gives_its_due_time_in_Vietnam_time_and_the_unit_by_name()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, number) = await IncidentAsync(api, "giờ");
        var due = new DateTimeOffset(2026, 12, 5, 17, 30, 0, TimeSpan.Zero); // 00:30 the next day in Hà Nội
        var deadline = "test-" + Guid.NewGuid().ToString("N")[..8]; // the Host's own clocks alert the incident's real duties too

        await host.Services.GetRequiredService<IBus>().Publish(new LegalDeadlineAlert(id, number, deadline, LegalDeadlineAlert.Overdue, due,
            "Thông báo ban đầu", "Initial notice", "QĐ 05/2017", "bcd-bn", due.AddMinutes(5), "Ban Chỉ đạo tỉnh", "Provincial Steering Committee"), TestContext.Current.CancellationToken);

        var entry = Assert.Single(await EntriesOfAsync(api, id, deadline, 1));
        Assert.Equal("QUÁ HẠN pháp lý: Thông báo ban đầu (hạn 06/12/2026 00:30 (UTC+07:00), QĐ 05/2017); cảnh báo gửi tới Ban Chỉ đạo tỉnh",
            entry.GetProperty("summaryVi").GetString());
        Assert.Equal("Legal deadline OVERDUE: Initial notice (due 06/12/2026 00:30 (UTC+07:00), QĐ 05/2017); alert to Provincial Steering Committee",
            entry.GetProperty("summaryEn").GetString());
    }

    [Fact]
    public async Task A_legal_deadline_alert_naming_a_unit_the_directory_does_not_hold_is_followed_by_saying_nobody_was_told()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, number) = await IncidentAsync(api, "không ai");
        var due = TimeProvider.System.GetUtcNow().AddHours(-2);
        var deadline = "test-" + Guid.NewGuid().ToString("N")[..8];

        await host.Services.GetRequiredService<IBus>().Publish(new LegalDeadlineAlert(id, number, deadline, LegalDeadlineAlert.OverdueStage(2), due,
            "Thông báo ban đầu", "Initial notice", "QĐ 05/2017", "bcd-bm", due.AddHours(1)), TestContext.Current.CancellationToken);

        var entries = await EntriesOfAsync(api, id, deadline, 2);
        Assert.Equal(2, entries.Count);
        var untold = Assert.Single(entries, e => e.GetProperty("data").TryGetProperty("told", out _)); // the two may land in either order
        var alert = Assert.Single(entries, e => !e.GetProperty("data").TryGetProperty("told", out _));
        Assert.EndsWith("; cảnh báo gửi tới bcd-bm", alert.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Equal("KHÔNG báo được cho ai rằng nghĩa vụ «Thông báo ban đầu» đã quá hạn: đơn vị «bcd-bm» do chính sách chuyển cấp chỉ định không có trong danh bạ hoặc đã ngừng hoạt động",
            untold.GetProperty("summaryVi").GetString());
        Assert.Contains("NOBODY was told that the duty “Initial notice” is overdue: the unit “bcd-bm”", untold.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legal_deadline_alert_to_a_unit_not_engaged_on_the_incident_names_it_as_the_directory_does()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        // Not serious, so the committee (bcd-bn) is not engaged; detected ten hours ago, the immediate initial report is
        // overdue past the shipped policies' first overdue step, which tells the committee (by the Host's own clocks).
        var detectedAt = TimeProvider.System.GetUtcNow().AddHours(-10).ToOffset(TimeSpan.FromHours(7));
        var (id, _) = await IncidentAsync(api, "ban chỉ đạo", securityLevel: 2, detectedAt: detectedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => ToCommittee(t).Any(), TimeSpan.FromSeconds(30), "an overdue alert to the committee on the timeline"); // at once: Quartz waited up to a minute for a wake-up already past

        Assert.DoesNotContain(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "unit-engaged"
            && e.GetProperty("data").GetProperty("unit").GetString() == "bcd-bn");
        Assert.All(ToCommittee(timeline), e =>
        {
            Assert.EndsWith("; cảnh báo gửi tới Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh",
                e.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("; alert to Bắc Ninh Steering Committee for emergency response to cyber security incidents",
                e.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        });

        static IEnumerable<JsonElement> ToCommittee(JsonElement timeline) => timeline.EnumerateArray().Where(e =>
            e.GetProperty("kind").GetString() == "legal-deadline-alert" && e.GetProperty("data").TryGetProperty("notify", out var n) && n.GetString() == "bcd-bn");
    }

    private static async Task<(Guid Id, string Number)> IncidentAsync(ApiClient api, string name, int securityLevel = 4, string? detectedAt = null)
    {
        var incident = await api.IncidentOfReportAsync(
            await api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique(name), securityLevel: securityLevel, detectedAt: detectedAt)));
        return (incident.GetProperty("id").GetGuid(), incident.GetProperty("number").GetString()!);
    }

    /// <summary>The incident's <c>legal-deadline-alert</c> entries about <paramref name="deadline"/>, once there are <paramref name="count"/>, in order.</summary>
    private static async Task<List<JsonElement>> EntriesOfAsync(ApiClient api, Guid id, string deadline, int count)
    {
        static IEnumerable<JsonElement> Of(JsonElement timeline, string deadline) => timeline.EnumerateArray().Where(e =>
            e.GetProperty("kind").GetString() == "legal-deadline-alert" && e.GetProperty("data").TryGetProperty("deadline", out var d) && d.GetString() == deadline);
        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => Of(t, deadline).Count() >= count, TimeSpan.FromSeconds(30), "the alert's entries on the timeline");
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken); // nothing more comes
        return [.. Of(await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"), deadline)];
    }
}
