using System.Collections.Concurrent;
using IncidentResponse.Testing;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>Signing in with a real browser: Vietnamese by default, the English switch, wrong passwords; no page logs an error (a missing icon included).</summary>
public sealed class LoginTests(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_Vietnamese_login_page_and_the_administrator_reaches_the_board()
    {
        await using var context = await chromium.NewContextAsync(console.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));

        await page.GetByLabel("Thư điện tử hoặc tên đăng nhập").FillAsync(ConsoleHost.AdminEmail);
        await page.GetByLabel("Mật khẩu").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        // The board's live connection never ends, so it must open after the page's load event, not hold it back.
        var order = new ConcurrentQueue<string>();
        page.Load += (_, loaded) => order.Enqueue("load " + new Uri(loaded.Url).AbsolutePath);
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/board/events")
            {
                order.Enqueue("events");
            }
        };

        await page.GetByLabel("Mật khẩu").FillAsync(ConsoleHost.AdminPassword);
        using var addresses = new PageAddresses(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await addresses.WaitForAsync(url => new Uri(url).AbsolutePath == "/");
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(order.ToList()), o => o.Contains("events"), what: "the board's live connection");
        var seen = order.ToList();
        Assert.True(seen.IndexOf("load /") is >= 0 and var load && load < seen.IndexOf("events"), string.Join(", ", seen));
        await Screenshots.TakeAsync(page, "login-then-board");
        Assert.True(chromium.ConsoleErrors.IsEmpty, string.Join("\n", chromium.ConsoleErrors));
    }
}
