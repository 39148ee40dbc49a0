using System.Text.Json;
using IncidentResponse.Testing;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The response analytics page in Chromium: after a unit acknowledges, a coordinator sees the unit's row and the three
/// SVG charts drawn by the server, under the console's content security policy (nothing refused, nothing fetched elsewhere).
/// </summary>
public sealed class AnalyticsPageTests(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_coordinator_sees_the_unit_table_and_the_SVG_charts_of_an_acknowledged_engagement()
    {
        var reportId = await console.Api.SubmitReportAsync(SampleReports.Ddos("Hệ thống " + TestNames.Unique("phan-tich"), isp: "VNPT"));
        var incident = (await console.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        var engagements = await Eventually.MatchesAsync(() => console.Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements"),
            e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "an engagement");
        var engagement = engagements.EnumerateArray().First();
        var unit = engagement.GetProperty("unit").GetString()!;
        using (var ack = await console.Api.PostJsonAsync($"/api/v1/engagements/{engagement.GetProperty("id").GetGuid()}/acknowledge", new { }))
        {
            Assert.True(ack.IsSuccessStatusCode, ack.StatusCode.ToString());
        }

        await using var context = await chromium.NewContextAsync(console.Host.BaseAddress);
        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).Authority != console.Host.BaseAddress.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };
        await page.GotoAsync("/analytics");
        await page.GetByLabel("Thư điện tử hoặc tên đăng nhập").FillAsync(ConsoleHost.AdminEmail);
        await page.GetByLabel("Mật khẩu").FillAsync(ConsoleHost.AdminPassword);
        using var addresses = new PageAddresses(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await addresses.WaitForAsync(url => new Uri(url).AbsolutePath == "/analytics");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phân tích phản ứng" })).ToBeVisibleAsync();
        var row = page.Locator("table.analytics-units tbody tr", new() { HasText = unit });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("td.mtta")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "MTTA theo đơn vị" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Sự cố theo kỳ và mức độ" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Gửi lỗi theo kênh" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#chart-mtta rect.bar-mtta").CountAsync() >= 1);
        Assert.True(await page.Locator("#chart-incidents rect").CountAsync() >= 1);
        await Assertions.Expect(page.Locator("nav a[href='/analytics']")).ToHaveAttributeAsync("aria-current", "page");
        await Screenshots.TakeAsync(page, "analytics");

        Assert.Empty(elsewhere);
        Assert.True(chromium.ConsoleErrors.IsEmpty, string.Join("\n", chromium.ConsoleErrors));
    }
}
