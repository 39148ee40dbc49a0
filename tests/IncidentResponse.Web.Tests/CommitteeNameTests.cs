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
            Assert.DoesNotContain("Đường dây nóng 24/7", await PageAsync(host, "/login", HttpStatusCode.OK), StringComparison.Ordinal);
            Assert.DoesNotContain("Đường dây nóng 24/7", await PageAsync(host, "/ack/not-a-token", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using var other = new TempDirectory();
        await using var published = await TestHost.StartAsync(new EmbeddedDeployment(other.Path),
            settings: new Dictionary<string, string> { ["Committee:Hotline"] = " +84 222 3 822 888 " });
        var login = System.Net.WebUtility.HtmlDecode(await PageAsync(published, "/login", HttpStatusCode.OK));
        Assert.Contains("Đường dây nóng 24/7 của Ban Chỉ đạo", login, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+842223822888\">+84 222 3 822 888</a>", login, StringComparison.Ordinal);
        var ack = await PageAsync(published, "/ack/not-a-token", HttpStatusCode.BadRequest);
        Assert.Contains("<a href=\"tel:+842223822888\">+84 222 3 822 888</a>", ack, StringComparison.Ordinal);
        Assert.Contains("The committee&#39;s 24/7 hotline", ack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hotline_longer_than_a_line_stops_the_Host_at_start()
    {
        using var data = new TempDirectory();
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path),
                settings: new Dictionary<string, string> { ["Committee:Hotline"] = "0222 3 822 888\nhttps://lừa-đảo.example" });
        });
        Assert.Contains("Committee:Hotline", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(TestHost host, string path, HttpStatusCode status)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }
}
