using System.Net;
using System.Security.Cryptography;
using IncidentResponse.Testing;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The closing report in Chromium: a closed serious incident waits on the duties board for its Mẫu 04; the coordinator
/// words and issues it on the incident page (the stored PDF downloads with the hash shown), submits the duty naming that
/// version, and only then is the incident recorded closed.
/// </summary>
public sealed class ClosingReportScenario(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    private const string ClosingDuty = "mau-04-closing-report";
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_closed_incident_is_recorded_closed_only_when_its_issued_closing_report_is_submitted()
    {
        var system = $"Cổng dịch vụ công {Guid.NewGuid():N}"[..30];
        var incident = await console.Api.IncidentOfReportAsync(await console.Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: false)));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        using (var closed = await console.Api.PostJsonAsync($"/api/v1/incidents/{id}/status",
            new { status = "closed", resolution = "true-positive-with-impact", reason = "Đã khôi phục dịch vụ" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await using var office = await chromium.NewContextAsync(console.Host.BaseAddress);
        var page = await office.NewPageAsync();
        await SignInAsync(page);

        // The duties board lists the closing report the close made due; its incident's page is one click away.
        await page.GotoAsync("/duties");
        var row = page.Locator("tr", new() { HasText = number }).Filter(new() { HasText = "Mẫu 04" });
        await Assertions.Expect(row).ToBeVisibleAsync(Live);
        await Screenshots.TakeAsync(page, "duties-board");
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.GetByText("Chờ báo cáo kết thúc (Mẫu 04)")).ToBeVisibleAsync();

        // Word the result and issue it.
        var issue = page.Locator("details.issue-document", new() { HasText = "Báo cáo kết thúc ứng phó sự cố (Mẫu 04)" });
        await issue.Locator("summary").ClickAsync();
        await issue.GetByLabel("Kết quả xử lý sự cố").FillAsync("Đã lọc lưu lượng tấn công; cổng hoạt động bình thường từ 14 giờ.");
        await issue.GetByLabel("Tài liệu kèm theo").FillAsync("yes"); // text, even when it reads like a yes/no answer
        await issue.GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.GetByText("Đã ban hành văn bản.")).ToBeVisibleAsync();
        var issued = page.Locator("table.documents tr", new() { HasText = "phiên bản 1" });
        await Assertions.Expect(issued).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Chờ báo cáo kết thúc (Mẫu 04)")).ToBeVisibleAsync(); // issuing is not submitting

        // The PDF downloads as stored: its SHA-256 is the one shown (and written on the timeline).
        var hash = await issued.Locator("code").GetAttributeAsync("title");
        var pdf = await office.APIRequest.GetAsync((await issued.GetByRole(AriaRole.Link, new() { Name = "PDF" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(await pdf.BodyAsync())));

        // Submit the duty naming the issued version: now, and only now, the incident is recorded closed.
        var submit = page.Locator("form[action*='SubmitDuty']").Filter(new() { Has = page.Locator($"input[name='duty'][value='{ClosingDuty}']") });
        await submit.GetByLabel("Văn bản đã ban hành").SelectOptionAsync(new SelectOptionValue { Label = "Báo cáo kết thúc ứng phó sự cố (Mẫu 04) — phiên bản 1" });
        await submit.GetByLabel("Kênh").FillAsync("email");
        await submit.GetByRole(AriaRole.Button, new() { Name = "Đã gửi" }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.GetByText("Đã ghi nhận nghĩa vụ đã gửi.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Chờ báo cáo kết thúc (Mẫu 04)")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Ghi nhận đóng")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "incident-recorded-closed");

        // The playbook's checklist on the same page: the telecom's call and the closing report ticked, each with what was done.
        var tasks = page.Locator("section[aria-labelledby='tasks']");
        await Assertions.Expect(tasks.GetByText("Đã xong 0/8 việc.")).ToBeVisibleAsync();
        foreach (var (key, note) in new[] { ("p2", "Anh Minh, NOC VNPT, 03:10, phiếu 4412"), ("p8", "Mẫu 04 phiên bản 1, gửi qua thư điện tử") })
        {
            var item = page.Locator($"#task-{key}");
            await item.GetByLabel("Đã làm gì").FillAsync(note);
            await item.GetByRole(AriaRole.Button, new() { Name = "Đánh dấu đã xong" }).ClickAsync();
            await PageAddresses.LoadedAsync(page);
            await Assertions.Expect(page.Locator($"#task-{key}").GetByText(note)).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("section[aria-labelledby='tasks']").GetByText("Đã xong 2/8 việc.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#task-p8.done")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "incident-tasks");
        var kept = await console.Api.GetJsonAsync($"/api/v1/incidents/{id}/tasks");
        Assert.Equal(2, kept.GetProperty("done").GetInt32());

        var detail = await console.Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.False(detail.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, detail.GetProperty("closingRecordedAt").ValueKind);
        var duty = (await console.Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == ClosingDuty);
        Assert.Equal("submitted", duty.GetProperty("state").GetString());
        var documents = await console.Api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued");
        Assert.Equal("yes", documents[0].GetProperty("edits").GetProperty("attachments").GetString());
        Assert.Equal(documents[0].GetProperty("id").GetGuid(), duty.GetProperty("documentId").GetGuid());

        await page.GotoAsync("/duties");
        await Assertions.Expect(page.Locator("tr", new() { HasText = number }).Filter(new() { HasText = "Mẫu 04" })).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Thư điện tử hoặc tên đăng nhập").FillAsync(ConsoleHost.AdminEmail);
        await page.GetByLabel("Mật khẩu").FillAsync(ConsoleHost.AdminPassword);
        using var addresses = new PageAddresses(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await addresses.WaitForAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await PageAddresses.LoadedAsync(page);
    }
}
