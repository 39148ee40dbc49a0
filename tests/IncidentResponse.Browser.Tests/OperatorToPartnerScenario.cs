using System.Text.Json;
using IncidentResponse.Access.Authorization;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The whole human loop in Chromium: an operator files a report in the console, it appears on an
/// open board, a responder of the routed unit signs in to the portal on a phone screen and
/// acknowledges, and the board — never reloaded — shows the unit as acknowledged. Screenshots of
/// the board, the incident and the portal are kept in <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class OperatorToPartnerScenario(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    private const string ResponderEmail = "truc.ban@vnpt.example.invalid";
    private const string OtherResponderEmail = "truc.ban@viettel.example.invalid";
    private const string Password = "Responder-Test-Pw-2026!";
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_report_filed_in_the_console_is_acknowledged_in_the_portal_and_the_open_board_follows()
    {
        await console.AddPersonAsync(ResponderEmail, Password, AccessRoles.Responder, "vnpt-bn");
        await console.AddPersonAsync(OtherResponderEmail, Password, AccessRoles.Responder, "viettel-bn");
        var title = $"DDoS Cổng dịch vụ công {Guid.NewGuid():N}"[..34];

        await using var office = await chromium.NewContextAsync(console.Host.BaseAddress);
        var board = await office.NewPageAsync();
        await SignInAsync(board, ConsoleHost.AdminEmail, ConsoleHost.AdminPassword);
        await board.EvaluateAsync("() => { window.irNotReloaded = true; }");

        // The operator files the report in a second tab; the board stays open in the first.
        var form = await office.NewPageAsync();
        await form.GotoAsync("/reports/new");
        await form.GetByLabel("Tiêu đề").FillAsync(title);
        await form.GetByLabel("Mô tả sự cố").FillAsync("Lưu lượng bất thường, cổng không truy cập được từ 9 giờ.");
        await form.GetByLabel("Loại sự cố (RSIT)").SelectOptionAsync("availability:ddos");
        await form.GetByLabel("Tên hệ thống").FillAsync("Cổng dịch vụ công tỉnh");
        await form.GetByLabel("Nhà cung cấp dịch vụ Internet").FillAsync("VNPT");
        // The report's page moves on to the incident's once triaged, which can be at once: the report's
        // id is taken from the address committed first, not from the page's address afterwards.
        string reportPath;
        using (var addresses = new PageAddresses(form))
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
            reportPath = new Uri(await addresses.WaitForAsync(url =>
                new Uri(url).AbsolutePath is var path && path.StartsWith("/reports/", StringComparison.Ordinal) && path != "/reports/new")).AbsolutePath;
        }

        var reportId = Guid.Parse(reportPath.Split('/')[2]);
        var incidentId = (await console.Api.WaitUntilTriagedAsync(reportId)).GetProperty("incidentId").GetGuid();
        await console.Api.WaitUntilNotifiedAsync(incidentId);

        // The board learned of it without a reload, with VNPT waiting to acknowledge.
        var row = board.Locator("tr", new() { HasText = title });
        await Assertions.Expect(row).ToBeVisibleAsync(Live);
        await Assertions.Expect(row.Locator(".unacked", new() { HasText = "vnpt-bn" })).ToBeVisibleAsync(Live);
        await Screenshots.TakeAsync(board, "board-before-acknowledgement");

        await form.GotoAsync($"/incidents/{incidentId}");
        await Assertions.Expect(form.GetByText(title).First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(form, "incident");

        // A responder of another unit gets nothing of it, through any page.
        await using (var stranger = await chromium.NewContextAsync(console.Host.BaseAddress, phone: true))
        {
            var page = await stranger.NewPageAsync();
            await SignInAsync(page, OtherResponderEmail, Password);
            foreach (var path in new[] { $"/portal/incidents/{incidentId}", $"/incidents/{incidentId}" })
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(404, response!.Status);
                await Assertions.Expect(page.GetByText(title)).ToHaveCountAsync(0);
            }

            await page.GotoAsync("/portal");
            await Assertions.Expect(page.GetByText(title)).ToHaveCountAsync(0);
        }

        // The VNPT responder, on a phone, finds it in the portal and acknowledges.
        await using var partner = await chromium.NewContextAsync(console.Host.BaseAddress, phone: true);
        var portal = await partner.NewPageAsync();
        await SignInAsync(portal, ResponderEmail, Password);
        await portal.GotoAsync("/portal");
        await portal.GetByRole(AriaRole.Link, new() { Name = title }).Or(portal.Locator($"a[href*='{incidentId}']")).First.ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(portal, "portal-incident-phone");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" }).ClickAsync();
        await Assertions.Expect(portal.GetByRole(AriaRole.Button, new() { Name = "Xác nhận đã nhận" })).ToHaveCountAsync(0);

        var engagements = await console.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/engagements");
        var vnpt = engagements.EnumerateArray().Single(e => Unit(e) == "vnpt-bn");
        Assert.Equal("acknowledged", vnpt.GetProperty("state").GetString());

        // The open board follows, still the same page.
        await Assertions.Expect(row.Locator(".unacked", new() { HasText = "vnpt-bn" })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        Assert.True(await board.EvaluateAsync<bool>("() => window.irNotReloaded === true"), "the board was reloaded");
        await Screenshots.TakeAsync(board, "board-after-acknowledgement");
    }

    private static string? Unit(JsonElement engagement) => engagement.GetProperty("unit").GetString();

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Thư điện tử hoặc tên đăng nhập").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        using var addresses = new PageAddresses(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await addresses.WaitForAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await PageAddresses.LoadedAsync(page);
    }
}
