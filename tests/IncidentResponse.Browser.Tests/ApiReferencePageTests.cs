using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The interactive API page (<c>/openapi/ui/</c>, Swagger UI from the Host's own files) asks a browser to sign
/// in, then renders the document under the console's content security policy: no script is refused, nothing is
/// fetched from another origin.
/// </summary>
public sealed class ApiReferencePageTests(ConsoleHost console, ChromiumBrowser chromium) : IClassFixture<ConsoleHost>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_signed_in_person_reads_the_API_on_the_interactive_page_served_by_the_Host_alone()
    {
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

        await page.GotoAsync("/openapi/ui/");
        Assert.Contains("/login?ReturnUrl=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Thư điện tử hoặc tên đăng nhập").FillAsync(ConsoleHost.AdminEmail);
        await page.GetByLabel("Mật khẩu").FillAsync(ConsoleHost.AdminPassword);
        using var addresses = new PageAddresses(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await addresses.WaitForAsync(url => new Uri(url).AbsolutePath == "/openapi/ui/index.html");

        // The first request builds the OpenAPI document from every endpoint: seconds on a loaded machine.
        await Assertions.Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("IncidentResponse", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".swagger-ui").GetByText("/api/v1/incidents/{id}/timeline/verify")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Authorize" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "api-reference");
        Assert.Empty(elsewhere);
        // Swagger UI's bundle inserts one <style> element, which the policy refuses (style-src 'self', no hash or
        // nonce); the page renders and works without it, so that one refusal is expected. Anything else is not.
        var unexpected = chromium.ConsoleErrors.Where(e => !(e.Contains("/openapi/ui/swagger-ui-bundle.js", StringComparison.Ordinal)
            && e.Contains("Applying inline style violates", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}
