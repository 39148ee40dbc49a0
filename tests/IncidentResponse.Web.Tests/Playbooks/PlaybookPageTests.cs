using System.Net;

namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>The playbook pages through the real pipeline: login required, the reader's language, the class redirect.</summary>
public sealed class PlaybookPageTests(PlaybookHost fixture) : IClassFixture<PlaybookHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stranger_is_sent_to_the_login_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };

        using var page = await client.GetAsync(new Uri("/playbooks/ddos", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = new Uri(fixture.Host.BaseAddress, page.Headers.Location!);
        Assert.Equal("/login", location.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2Fplaybooks%2Fddos", location.Query);
    }

    [Fact]
    public async Task A_playbook_is_shown_in_Vietnamese_by_default_and_in_English_on_request()
    {
        using var vi = await fixture.SignedInAsync();
        using var en = await fixture.SignedInAsync("en");

        var viPage = await vi.GetStringAsync(new Uri("/playbooks/ddos", UriKind.Relative), Cancel);
        var enPage = await en.GetStringAsync(new Uri("/playbooks/ddos", UriKind.Relative), Cancel);

        Assert.Contains("<html lang=\"vi\">", viPage, StringComparison.Ordinal);
        Assert.Contains("Tấn công từ chối dịch vụ (DoS/DDoS)</h1>", viPage, StringComparison.Ordinal);
        Assert.Contains("<article class=\"card playbook\" lang=\"vi\">", viPage, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"first-15-minutes\">First 15 minutes</h2>", enPage, StringComparison.Ordinal);
        Assert.Contains("<code>availability:ddos</code>", enPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_lists_every_playbook_and_a_class_goes_to_its_playbook()
    {
        using var client = await fixture.SignedInAsync();

        var index = await client.GetStringAsync(new Uri("/playbooks", UriKind.Relative), Cancel);
        using var burglary = await client.GetAsync(new Uri("/playbooks?class=intrusions:burglary", UriKind.Relative), Cancel);
        var drill = await client.GetStringAsync(new Uri("/playbooks?class=test:test", UriKind.Relative), Cancel);
        using var missing = await client.GetAsync(new Uri("/playbooks/nothing", UriKind.Relative), Cancel);

        foreach (var slug in new[] { "ddos", "ransomware", "defacement", "phishing", "data-leak", "system-compromise", "malware", "outage" })
        {
            Assert.Contains($"<a href=\"/playbooks/{slug}\">", index, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, burglary.StatusCode);
        Assert.Equal("/playbooks/system-compromise", burglary.Headers.Location?.OriginalString);
        Assert.Contains("Chưa có hướng dẫn riêng cho loại sự cố", WebUtility.HtmlDecode(drill), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
