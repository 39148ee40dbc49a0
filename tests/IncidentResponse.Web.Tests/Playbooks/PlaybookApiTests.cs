using System.Net;
using System.Text.Json;
using IncidentResponse.Host;

namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>The playbook API through the real embedded Host (web role only): who may read, what it answers.</summary>
public sealed class PlaybookApiTests(PlaybookHost fixture) : IClassFixture<PlaybookHost>
{
    private TestHost Server => fixture.Host;

    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task Readers_list_the_playbooks_and_find_the_one_for_a_class()
    {
        var all = await Admin.GetJsonAsync("/api/v1/playbooks");
        var forBurglary = await Admin.GetJsonAsync("/api/v1/playbooks?class=intrusions:burglary");
        var forDrill = await Admin.GetJsonAsync("/api/v1/playbooks?class=test:test");

        Assert.Equal(10, all.GetProperty("total").GetInt32());
        var ddos = all.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == "ddos");
        Assert.Equal("Tấn công từ chối dịch vụ (DoS/DDoS)", ddos.GetProperty("titleVi").GetString());
        Assert.Equal("Denial of service (DoS/DDoS)", ddos.GetProperty("titleEn").GetString());
        Assert.Equal(["availability:ddos", "availability:dos"], ddos.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("system-compromise", Assert.Single(forBurglary.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Empty(forDrill.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_responder_reads_one_playbook_in_either_language_as_safe_HTML()
    {
        var responder = Admin.WithKey(await IssueKeyAsync("responder", "vnpt-bn"));

        var vi = await responder.GetJsonAsync("/api/v1/playbooks/ransomware");
        var en = await responder.GetJsonAsync("/api/v1/playbooks/ransomware?lang=en");

        Assert.Equal("vi", vi.GetProperty("language").GetString());
        Assert.Equal("Mã độc mã hóa dữ liệu, đòi tiền chuộc (ransomware)", vi.GetProperty("title").GetString());
        Assert.Equal("Ransomware (data encrypted for ransom)", en.GetProperty("title").GetString());
        Assert.Contains("<h2 id=\"first-15-minutes\">", en.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.True(en.GetProperty("firstSteps").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task Wrong_requests_get_problems_and_machines_and_strangers_get_nothing()
    {
        var integration = Admin.WithKey(await IssueKeyAsync("sms-gateway", null)); // a machine key

        using var unknown = await Admin.SendAsync(HttpMethod.Get, "/api/v1/playbooks/nothing");
        using var language = await Admin.SendAsync(HttpMethod.Get, "/api/v1/playbooks/ddos?lang=fr");
        using var badClass = await Admin.SendAsync(HttpMethod.Get, "/api/v1/playbooks?class=ddos");
        using var anonymous = await Server.Http.GetAsync(new Uri("/api/v1/playbooks", UriKind.Relative), TestContext.Current.CancellationToken);
        using var machine = await integration.SendAsync(HttpMethod.Get, "/api/v1/playbooks/ddos");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Contains("\"lang\"", await language.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badClass.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, machine.StatusCode);
    }

    [Fact]
    public void A_bad_playbook_stops_the_Host_from_being_built_naming_the_file()
    {
        using var folder = new PlaybookFolder().Replace("defacement.vi.md", "slug: defacement", "slug: deface");

        var error = Assert.Throws<InvalidOperationException>(() => IncidentResponseHost.Build(
            ["--Roles=web", "--Database:DataDirectory=" + fixture.DataDirectory, "--Web:PlaybooksDirectory=" + folder.Path]));

        Assert.Contains("defacement.vi.md: slug 'deface' differs from the file name's 'defacement'", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> IssueKeyAsync(string role, string? unit)
    {
        using var issued = await Admin.PostJsonAsync("/api/v1/api-keys", new { name = $"{role}-{Guid.NewGuid():N}", role, unit });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("key").GetString()!;
    }
}
