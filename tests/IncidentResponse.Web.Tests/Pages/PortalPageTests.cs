using System.Net;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>The partner portal: a unit's members see and act on their unit's engagements only, through pages and API alike.</summary>
[Collection(PagesGroup.Name)]
public sealed class PortalPageTests(PagesSite site)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task A_responder_of_unit_A_gets_404_for_unit_Bs_incident_on_every_page_and_API()
    {
        var (ofA, numberA) = await site.FileIncidentAsync(isp: "VNPT");
        var (ofB, numberB) = await site.FileIncidentAsync(isp: "Viettel");
        var engagementOfB = await site.EngagementOfAsync(ofB, PagesSite.UnitB);
        await site.EngagementOfAsync(ofA, PagesSite.UnitA);
        using var browser = await site.SignInAsync("vnpt-truc");

        var list = await browser.GetAsync("/portal");
        Assert.Contains(numberA, list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(numberB, list.Html, StringComparison.Ordinal);
        var incidentPage = await browser.GetAsync($"/incidents/{ofB}");
        Assert.Equal(HttpStatusCode.Redirect, incidentPage.Status);
        Assert.Equal($"/portal/incidents/{ofB}", incidentPage.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/portal/incidents/{ofB}")).Status);
        // A person's browser gets a page saying so, in Vietnamese then English, and nothing of the incident.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/portal/incidents/{ofB}"))
        {
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
            using var shown = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
            var html = await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
            Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
            Assert.True(html.IndexOf("Không tìm thấy trang", StringComparison.Ordinal) is var vi && vi >= 0 && vi < html.IndexOf("Page not found", StringComparison.Ordinal), html);
            Assert.DoesNotContain(numberB, html, StringComparison.Ordinal);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/portal/incidents/{ofB}"))
        {
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"); // a browser's navigation
            using var api = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType); // the API answers problems, whatever is asked
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/portal/incidents/{ofA}")).Status);
        var act = await browser.PostAsync($"/portal/incidents/{ofB}?handler=Accept", [F("engagement", engagementOfB.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, act.Status);
        var sneaky = await browser.PostAsync($"/portal/incidents/{ofA}?handler=Accept", [F("engagement", engagementOfB.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, sneaky.Status);

        var keyA = await site.ResponderKeyAsync(PagesSite.UnitA);
        using var portal = await keyA.SendAsync(HttpMethod.Get, $"/api/v1/portal/incidents/{ofB}");
        using var portalAsB = await keyA.SendAsync(HttpMethod.Get, $"/api/v1/portal/incidents/{ofB}?unit={PagesSite.UnitB}");
        using var engagement = await keyA.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{engagementOfB}");
        using var note = await keyA.PostJsonAsync($"/api/v1/engagements/{engagementOfB}/notes", new { text = "không phải việc của chúng tôi" });
        using var incident = await keyA.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{ofB}");
        Assert.Equal(HttpStatusCode.NotFound, portal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, portalAsB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, engagement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, incident.StatusCode);
        var stateOfB = await site.Api.GetJsonAsync($"/api/v1/engagements/{engagementOfB}");
        Assert.Equal("notified", stateOfB.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_responder_acts_on_its_engagement_declining_needs_a_reason_and_a_note_reaches_the_timeline()
    {
        var (incidentId, number) = await site.FileIncidentAsync(isp: "VNPT", tlp: "RED");
        var engagementId = await site.EngagementOfAsync(incidentId, PagesSite.UnitA);
        using var browser = await site.SignInAsync("vnpt-truc");

        var page = await browser.GetAsync($"/portal/incidents/{incidentId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(number, page.Html, StringComparison.Ordinal);
        Assert.Contains("TLP:RED", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("DDoS vào", page.Html, StringComparison.Ordinal); // RED: the unit's e-mail carries the minimal notice, so does the portal

        var noReason = await browser.PostAsync($"/portal/incidents/{incidentId}?handler=Decline", [F("engagement", engagementId.ToString()), F("reason", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("Vui lòng nêu lý do từ chối.", noReason.Html, StringComparison.Ordinal);
        Assert.Equal("notified", (await site.Api.GetJsonAsync($"/api/v1/engagements/{engagementId}")).GetProperty("state").GetString());

        var accepted = await browser.PostAsync($"/portal/incidents/{incidentId}?handler=Accept", [F("engagement", engagementId.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.Status);
        var engagement = await site.Api.GetJsonAsync($"/api/v1/engagements/{engagementId}");
        Assert.Equal("accepted", engagement.GetProperty("state").GetString());
        Assert.Equal("web", engagement.GetProperty("acknowledgedVia").GetString());

        var noted = await browser.PostAsync($"/portal/incidents/{incidentId}?handler=Note", [F("engagement", engagementId.ToString()), F("text", "Đã lọc lưu lượng tại biên mạng")]);
        Assert.Equal(HttpStatusCode.Redirect, noted.Status);
        await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "unit-note"
                && e.GetProperty("summaryVi").GetString()!.Contains("Đã lọc lưu lượng tại biên mạng", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the unit's note on the timeline");
    }
}
