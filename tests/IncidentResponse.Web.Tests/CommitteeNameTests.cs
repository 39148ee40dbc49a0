using System.Net;

namespace IncidentResponse.Web.Tests;

/// <summary>
/// The committee's official name is one setting (<c>Committee:NameVi</c>): the console's header, the acknowledgement
/// page and the e-mail sender show it, spelled as the founding decision gives it unless configured otherwise.
/// </summary>
public sealed class CommitteeNameTests
{
    private const string Official = "Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_official_name_heads_the_console_and_the_acknowledgement_page_and_a_configured_one_replaces_it_everywhere()
    {
        using var data = new TempDirectory();
        await using (var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path)))
        {
            Assert.Contains(Official, await PageAsync(host, "/login", HttpStatusCode.OK), StringComparison.Ordinal);
            Assert.Contains(Official, await PageAsync(host, "/ack/not-a-token", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using var other = new TempDirectory();
        await using var renamed = await TestHost.StartAsync(new EmbeddedDeployment(other.Path),
            settings: new Dictionary<string, string> { ["Committee:NameVi"] = "Ban Chỉ đạo thử nghiệm tỉnh X" });
        var login = await PageAsync(renamed, "/login", HttpStatusCode.OK);
        Assert.Contains("Ban Chỉ đạo thử nghiệm tỉnh X", login, StringComparison.Ordinal);
        Assert.DoesNotContain(Official, login, StringComparison.Ordinal);
        Assert.Contains("Ban Chỉ đạo thử nghiệm tỉnh X", await PageAsync(renamed, "/ack/not-a-token", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_hotline_is_on_every_console_page_and_the_acknowledgement_page_and_none_is_shown_without_one()
    {
        using var data = new TempDirectory();
        await using (var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path)))
        {
            Assert.DoesNotContain("tel:", await PageAsync(host, "/login", HttpStatusCode.OK), StringComparison.Ordinal);
            Assert.DoesNotContain("tel:", await PageAsync(host, "/ack/not-a-token", HttpStatusCode.BadRequest), StringComparison.Ordinal);
            Assert.DoesNotContain("tel:", await ErrorPageAsync(host), StringComparison.Ordinal);
        }

        using var other = new TempDirectory();
        await using var published = await TestHost.StartAsync(new EmbeddedDeployment(other.Path),
            settings: new Dictionary<string, string> { ["Committee:Hotline"] = " +84 222 3 822 888 " });
        var login = System.Net.WebUtility.HtmlDecode(await PageAsync(published, "/login", HttpStatusCode.OK));
        Assert.Contains("Đường dây nóng 24/7 của Ban Chỉ đạo", login, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+842223822888\">+84 222 3 822 888</a>", login, StringComparison.Ordinal);
        var ack = System.Net.WebUtility.HtmlDecode(await PageAsync(published, "/ack/not-a-token", HttpStatusCode.BadRequest));
        Assert.Contains("Đường dây nóng 24/7 của Ban Chỉ đạo / <span lang=\"en\">The committee's 24/7 hotline</span>: <a href=\"tel:+842223822888\">+84 222 3 822 888</a>", ack, StringComparison.Ordinal);
        var missing = System.Net.WebUtility.HtmlDecode(await ErrorPageAsync(published));
        Assert.Contains("<a href=\"tel:+842223822888\">+84 222 3 822 888</a>", missing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0222 3 822 888\nhttps://lừa-đảo.example")] // two lines
    [InlineData("0222 3 822 888 / 0912 345 678")] // two numbers: the link would dial both run together
    [InlineData("0222 3 822 888 0912 345 678")] // two numbers with only a space between
    [InlineData("-0222 3 822 888")] // a separator first
    [InlineData("0222 3 822 888 (máy lẻ 12)")] // an extension
    [InlineData("(+84) 222 3 822 888")] // a plus the link would drop
    [InlineData("gọi 0222 3 822 888")] // words
    [InlineData("0222 3 822 888 0222 3 822 888 0222")] // longer than 30 characters
    public async Task A_hotline_that_is_not_one_dialable_number_stops_the_Host_at_start(string hotline)
    {
        using var data = new TempDirectory();
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path),
                settings: new Dictionary<string, string> { ["Committee:Hotline"] = hotline });
        });
        Assert.Contains("Committee:Hotline", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The error page a browser gets for a page it may not open (signed out).</summary>
    private static async Task<string> ErrorPageAsync(TestHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/khong-co-trang-nay", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await host.Http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        return page;
    }

    private static async Task<string> PageAsync(TestHost host, string path, HttpStatusCode status)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }
}
