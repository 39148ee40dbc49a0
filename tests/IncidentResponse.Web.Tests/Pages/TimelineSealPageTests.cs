using System.Net;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>The incident page says how its timeline is sealed and checkpointed; the whole register verifies for coordinators only.</summary>
[Collection(PagesGroup.Name)]
public sealed class TimelineSealPageTests(PagesSite site)
{
    [Fact]
    public async Task The_incident_page_shows_keyed_entries_and_the_checkpoint_status_in_Vietnamese_first()
    {
        var (incidentId, _) = await site.FileIncidentAsync();
        using var browser = await site.SignInAsync("dieu-hanh");

        var page = await browser.GetAsync($"/incidents/{incidentId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"timeline-seal\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Niêm phong bằng khóa:", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy", page.Html, StringComparison.Ordinal);
        Assert.Matches("Chưa có điểm kiểm tra|Khớp với", page.Html);
    }

    [Fact]
    public async Task A_coordinator_verifies_every_timeline_and_a_responder_may_not()
    {
        await site.FileIncidentAsync();

        var register = await site.Api.GetJsonAsync("/api/v1/timeline/verify");
        using var refused = await (await site.ResponderKeyAsync("vnpt-bn")).SendAsync(HttpMethod.Get, "/api/v1/timeline/verify");

        Assert.True(register.GetProperty("valid").GetBoolean(), register.ToString());
        Assert.True(register.GetProperty("keyedEntries").GetInt32() > 0);
        Assert.Equal(0, register.GetProperty("legacyEntries").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
