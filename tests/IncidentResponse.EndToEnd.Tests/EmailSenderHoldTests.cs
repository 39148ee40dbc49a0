using System.Net;
using System.Text.Json;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// Review H5 through the real mail path (Dovecot): a spoofed "[TBSC]" mail that would engage the Police and the
/// ISP in the committee's name waits for an operator when its sender is unknown or our receiving server recorded
/// an authentication failure; confirmed it flows once, rejected it engages nobody.
/// </summary>
public sealed class EmailSenderHoldTests
{
    private const string Keyword = "$IrImported";

    private const string Spoof = """
        Kính gửi Ban Chỉ đạo,
        Tên hệ thống: Cổng dịch vụ công tỉnh
        Cơ quan chủ quản: Văn phòng UBND tỉnh
        Cấp độ: 5
        ISP: VNPT
        Phân loại: intrusions:system-compromise
        Hệ thống bị gián đoạn: Có
        """;

    [Fact]
    public async Task A_spoofed_mail_from_an_unknown_sender_engages_nobody_until_an_operator_confirms_it_and_then_once()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), dovecot);
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var operatorApi = api.WithKey(await IssueKeyAsync(api, "operator"));
        var viewer = api.WithKey(await IssueKeyAsync(api, "viewer"));

        await dovecot.DeliverAsync(Mail("[TBSC] Xâm nhập Cổng dịch vụ công", Spoof, "vanphong@bacninh-gov.example.net"));
        await WaitUntilMarkedAsync(dovecot, 1);

        var held = Assert.Single(await ReportsAsync(host));
        Assert.Equal("awaiting-confirmation", held.Status);
        Assert.Contains("bacninh-gov.example.net", held.HoldReason, StringComparison.Ordinal);
        // Longer than a re-announcement round: still nobody triaged it, so no incident and no engagement.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/incidents")).GetProperty("total").GetInt32());
        Assert.Equal("awaiting-confirmation", (await api.GetJsonAsync($"/api/v1/reports/{held.Id}")).GetProperty("status").GetString());

        var queue = await operatorApi.GetJsonAsync("/api/v1/reports/held");
        Assert.Equal(held.Id, Assert.Single(queue.EnumerateArray()).GetProperty("reportId").GetGuid());
        using (var viewerList = await viewer.SendAsync(HttpMethod.Get, "/api/v1/reports/held"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerList.StatusCode);
        }

        using (var viewerConfirms = await viewer.PostJsonAsync($"/api/v1/reports/{held.Id}/confirm", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerConfirms.StatusCode);
        }

        // Confirmed twice (a double click, two operators): announced once.
        using (var confirmed = await operatorApi.PostJsonAsync($"/api/v1/reports/{held.Id}/confirm", new { reason = "Đã gọi điện xác minh" }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        using (var again = await api.PostJsonAsync($"/api/v1/reports/{held.Id}/confirm", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var incidentId = (await api.WaitUntilTriagedAsync(held.Id)).GetProperty("incidentId").GetGuid();
        var engagements = await api.WaitUntilNotifiedAsync(incidentId, units: 2);
        Assert.Contains(engagements.EnumerateArray(), e => e.GetProperty("unit").GetString() == "pa05-bn");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var units = (await api.GetJsonAsync($"/api/v1/incidents/{incidentId}/engagements")).EnumerateArray().Select(e => e.GetProperty("unit").GetString()).ToList();
        Assert.Equal(units.Distinct().Count(), units.Count);
        Assert.Equal(engagements.GetArrayLength(), units.Count);
        Assert.Equal(1, (await api.GetJsonAsync($"/api/v1/incidents/{incidentId}")).GetProperty("reportCount").GetInt32());

        var view = await api.GetJsonAsync($"/api/v1/reports/{held.Id}");
        Assert.Equal("Đã gọi điện xác minh", view.GetProperty("reviewNote").GetString());
        Assert.False(string.IsNullOrEmpty(view.GetProperty("reviewedBy").GetString()));
        var audit = await api.GetJsonAsync($"/api/v1/audit?subject=report:{held.Id:N}");
        Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "report.confirmed");

        // Decided: rejecting it now is a conflict, and the queue is empty.
        using (var late = await api.PostJsonAsync($"/api/v1/reports/{held.Id}/reject", new { reason = "muộn" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/reports/held")).GetArrayLength());
    }

    [Fact]
    public async Task A_known_sender_who_passed_flows_and_a_failed_check_or_a_rejection_engages_nobody()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), dovecot);
        var api = new ApiClient(host.Http, HostFixture.AdminKey);

        var pass = $"{DovecotServer.AuthServId}; spf=pass smtp.mailfrom=example.invalid; dkim=pass header.d=example.invalid; dmarc=pass header.from=example.invalid";
        await dovecot.DeliverAsync(Mail("[TBSC] Tấn công DDoS đã xác thực", Spoof, "soc@example.invalid", pass));
        // A known address, but our server found its signature forged.
        await dovecot.DeliverAsync(Mail("[TBSC] Giả danh đơn vị quen", Spoof, "soc@example.invalid",
            $"{DovecotServer.AuthServId}; spf=pass smtp.mailfrom=example.invalid; dkim=fail (bad signature) header.d=example.invalid; dmarc=fail header.from=example.invalid"));
        // The sender wrote its own "pass" under another server's name and hid a pass in a comment: neither counts.
        await dovecot.DeliverAsync(Mail("[TBSC] Tự khai đã xác thực", Spoof, "attacker@spoof.example.net",
            "mx.attacker.example.net; dmarc=pass header.from=spoof.example.net",
            $"{DovecotServer.AuthServId}; dmarc=none (dmarc=pass) header.from=spoof.example.net"));
        await WaitUntilMarkedAsync(dovecot, 3);

        var reports = await ReportsAsync(host);
        var passed = reports.Single(r => r.Title.Contains("DDoS", StringComparison.Ordinal));
        var failed = reports.Single(r => r.Title.Contains("Giả danh", StringComparison.Ordinal));
        var forged = reports.Single(r => r.Title.Contains("Tự khai", StringComparison.Ordinal));
        Assert.Null(passed.HoldReason);
        Assert.Contains("dkim=fail", failed.HoldReason, StringComparison.Ordinal);
        Assert.Contains("dmarc=fail", failed.HoldReason, StringComparison.Ordinal);
        Assert.Equal("awaiting-confirmation", forged.Status);
        Assert.NotEqual(Guid.Empty, (await api.WaitUntilTriagedAsync(passed.Id)).GetProperty("incidentId").GetGuid());

        using (var noReason = await api.PostJsonAsync($"/api/v1/reports/{failed.Id}/reject", new { reason = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await ApiClient.ReadJsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        }

        foreach (var id in new[] { failed.Id, forged.Id })
        {
            using var rejected = await api.PostJsonAsync($"/api/v1/reports/{id}/reject", new { reason = "Thư giả mạo" });
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        using (var twice = await api.PostJsonAsync($"/api/v1/reports/{failed.Id}/reject", new { reason = "Thư giả mạo" }))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        }

        using (var confirmRejected = await api.PostJsonAsync($"/api/v1/reports/{failed.Id}/confirm", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, confirmRejected.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        // Only the authenticated mail made an incident; the rejected ones stay out of triage with who and why.
        Assert.Equal(1, (await api.GetJsonAsync("/api/v1/incidents")).GetProperty("total").GetInt32());
        var view = await api.GetJsonAsync($"/api/v1/reports/{failed.Id}");
        Assert.Equal(("rejected", "Thư giả mạo"), (view.GetProperty("status").GetString(), view.GetProperty("reviewNote").GetString()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("incidentId").ValueKind);
    }

    private static async Task<string> IssueKeyAsync(ApiClient api, string role)
    {
        using var response = await api.PostJsonAsync("/api/v1/api-keys", new { name = $"{role} {Guid.NewGuid():N}", role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("key").GetString()!;
    }

    private static async Task<TestHost> StartAsync(EmbeddedDeployment deployment, DovecotServer dovecot)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings)
        {
            ["Intake:ReannounceAfter"] = "00:00:01",
            ["Intake:ReannounceCheckInterval"] = "00:00:01",
        };
        foreach (var (key, value) in dovecot.HostSettings(TimeSpan.FromMilliseconds(500), useIdle: true))
        {
            settings[key] = value;
        }

        return await TestHost.StartAsync(deployment, settings: settings);
    }

    private static async Task WaitUntilMarkedAsync(DovecotServer dovecot, int count) =>
        _ = await Eventually.MatchesAsync(dovecot.InboxAsync, inbox => inbox.Count == count && inbox.All(m => m.Keywords.Contains(Keyword)),
            TimeSpan.FromSeconds(30), $"{count} messages marked {Keyword}");

    private static async Task<List<StoredReport>> ReportsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.AsNoTracking().OrderBy(r => r.ReceivedAt).ToListAsync();
    }

    private static MimeMessage Mail(string subject, string text, string from, params string[] authenticationResults)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{Guid.NewGuid():N}@sender.example.invalid",
            Body = new TextPart("plain") { Text = text },
        };
        foreach (var value in authenticationResults)
        {
            message.Headers.Add(HeaderId.AuthenticationResults, value);
        }

        message.From.Add(new MailboxAddress("Văn phòng Ban Chỉ đạo", from));
        message.To.Add(new MailboxAddress("Ban Chỉ đạo", DovecotServer.User));
        return message;
    }
}
