using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IncidentResponse.Testing;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The incident register in Chromium: an operator finds a closed incident by typing its place without diacritics, narrows
/// the list with a filter, and downloads the same set as CSV and XLSX, which read back with the incident in them.
/// </summary>
public sealed class RegisterPageScenario(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_closed_incident_is_found_without_diacritics_filtered_and_exported_as_CSV_and_XLSX()
    {
        var tag = Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var incident = await console.Api.IncidentOfReportAsync(await console.Api.SubmitReportAsync(SampleReports.Ddos($"Cổng Cà Mau {tag}")));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        using (var closed = await console.Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "false-positive", reason = "thử" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await using var office = await chromium.NewContextAsync(console.Host.BaseAddress);
        var page = await office.NewPageAsync();
        await SignInAsync(page);

        // The menu links the register (its address is followed as given); search without diacritics.
        await page.GotoAsync("/");
        var menu = page.Locator("nav a", new() { HasText = "Sổ sự cố" });
        await Assertions.Expect(menu).ToHaveCountAsync(1);
        await page.GotoAsync((await menu.GetAttributeAsync("href"))!);
        await PageAddresses.LoadedAsync(page);
        await page.GetByLabel("Tìm", new() { Exact = true }).FillAsync($"ca mau {tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        var row = page.Locator("#register tbody tr", new() { HasText = number });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Đã đóng");
        await Screenshots.TakeAsync(page, "register-search");

        // A filter that excludes it, then one that keeps it.
        await page.GetByLabel("Trạng thái").SelectOptionAsync("open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.Locator("#register-empty")).ToBeVisibleAsync();
        await page.GetByLabel("Trạng thái").SelectOptionAsync("closed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        await Assertions.Expect(page.Locator("#register tbody tr", new() { HasText = number })).ToHaveCountAsync(1);

        // The exports of what is shown.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!, Encoding.UTF8, TestContext.Current.CancellationToken);
        Assert.Contains($"\"{number}\",\"DDoS vào Cổng Cà Mau {tag}\"", text, StringComparison.Ordinal);

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open((await xlsx.PathAsync())!, isEditable: false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains(number, cells);
        Assert.Contains($"DDoS vào Cổng Cà Mau {tag}", cells);

        // The incident is one click away.
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await PageAddresses.LoadedAsync(page);
        Assert.EndsWith($"/incidents/{id}", page.Url, StringComparison.Ordinal);
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
