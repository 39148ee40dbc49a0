using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentResponse.Web.Pages.Deliveries;

namespace IncidentResponse.Web.Tests.Deliveries;

/// <summary>
/// <c>/deliveries</c>: the notifications that reached nobody, across every incident, in words rather than codes, with a
/// re-send button for those who may act, and none for a viewer.
/// </summary>
public sealed class FailedDeliveriesPageTests(FailingMailSite site) : IClassFixture<FailingMailSite>
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task Failed_notifications_are_listed_in_words_with_their_incident_and_can_be_sent_again()
    {
        var reportId = await site.Api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("failed"), isp: "VNPT"));
        var incident = await site.Api.IncidentOfReportAsync(reportId);
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        var failed = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries?status=failed&incident={id}"),
            page => page.GetProperty("total").GetInt32() > 0, TimeSpan.FromSeconds(60), "a notice of the incident failed");
        var first = failed.GetProperty("items")[0];
        var deliveryId = first.GetProperty("id").GetGuid();

        var (_, email, password) = await site.CreateUserAsync("operator");
        using var browser = await site.SignedInAsync(email, password);
        var listed = await browser.GetAsync("/deliveries");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var html = WebUtility.HtmlDecode(listed.Html);
        Assert.Contains("Thông báo không gửi được", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/incidents/{id}#engagements\">{number}</a>", html, StringComparison.Ordinal);
        Assert.Contains("Không gửi được", html, StringComparison.Ordinal); // the status in words
        Assert.Contains("Thông báo đầu tiên khi phân công", html, StringComparison.Ordinal); // the origin in words
        Assert.DoesNotContain(">failed<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">engagement<", html, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("lastError").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{deliveryId}\"", html, StringComparison.Ordinal);

        var resent = await browser.PostAsync("/deliveries?handler=Resend", [F("delivery", deliveryId.ToString()), F("status", "failed")]);
        Assert.Equal(HttpStatusCode.Redirect, resent.Status);
        Assert.Equal("/deliveries?status=failed", resent.Location!.OriginalString);
        Assert.Contains("Đã gửi lại thông báo", WebUtility.HtmlDecode((await browser.GetAsync("/deliveries")).Html), StringComparison.Ordinal);
        // The relay still refuses: the notice was tried again and failed again, and says it was re-sent.
        var again = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries/{deliveryId}"),
            d => d.GetProperty("delivery").GetProperty("resends").GetInt32() == 1 && d.GetProperty("delivery").GetProperty("status").GetString() == "failed", TimeSpan.FromSeconds(60), "the re-send failed again");
        Assert.True(again.GetProperty("attempts").GetArrayLength() >= 2);
        Assert.Contains("gửi lại 1 lần", WebUtility.HtmlDecode((await browser.GetAsync("/deliveries")).Html), StringComparison.Ordinal);

        // The incident page says the same in words.
        var incidentPage = WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{id}")).Html);
        Assert.Contains("Không gửi được", incidentPage, StringComparison.Ordinal);
        Assert.Contains("Lỗi tạm thời", incidentPage, StringComparison.Ordinal); // a refused connection or an open circuit
        Assert.DoesNotContain("TransientFailure", incidentPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_list_without_a_button_and_cannot_resend_and_a_responder_is_refused()
    {
        var reportId = await site.Api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("viewer"), isp: "VNPT"));
        var id = (await site.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        var failed = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries?status=failed&incident={id}"),
            page => page.GetProperty("total").GetInt32() > 0, TimeSpan.FromSeconds(60), "a notice of the incident failed");
        var deliveryId = failed.GetProperty("items")[0].GetProperty("id").GetGuid();

        var (_, email, password) = await site.CreateUserAsync("viewer");
        using var viewer = await site.SignedInAsync(email, password);
        var listed = await viewer.GetAsync("/deliveries");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Contains(id.ToString(), listed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Resend", listed.Html, StringComparison.Ordinal);
        var refused = await viewer.PostAsync("/deliveries?handler=Resend", [F("delivery", deliveryId.ToString())]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(0, (await site.Api.GetJsonAsync($"/api/v1/deliveries/{deliveryId}")).GetProperty("delivery").GetProperty("resends").GetInt32());

        // Another state on request, in words; an unknown one falls back to the failed list.
        var pending = WebUtility.HtmlDecode((await viewer.GetAsync("/deliveries?status=cancelled")).Html);
        Assert.Contains("Thông báo: Đã hủy (không cần gửi nữa)", pending, StringComparison.Ordinal);
        // A page past the end shows the last one rather than an empty list. Escalation keeps adding failed pages while the
        // test runs, so the last page is the one the totals read just before and just after allow.
        var before = await FailedTotalAsync();
        var past = WebUtility.HtmlDecode((await viewer.GetAsync("/deliveries?status=failed&page=999")).Html);
        var after = await FailedTotalAsync();
        Assert.DoesNotContain("Không có thông báo nào không gửi được.", past, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/", past, StringComparison.Ordinal);
        var shown = Regex.Match(past, @"<span>Trang (\d+)</span>");
        var shownPage = shown.Success ? int.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        Assert.InRange(shownPage, LastPage(before), LastPage(after));
        var unknown = WebUtility.HtmlDecode((await viewer.GetAsync("/deliveries?status=nonsense")).Html);
        Assert.Contains("<h1>Thông báo không gửi được</h1>", unknown, StringComparison.Ordinal);

        var (_, responderEmail, responderPassword) = await site.CreateUserAsync("responder", "vnpt-bn");
        using var responder = await site.SignedInAsync(responderEmail, responderPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await responder.GetAsync("/deliveries")).Status);
    }

    [Fact]
    public async Task A_unit_s_failed_notifications_are_listed_alone_and_a_re_send_comes_back_to_them()
    {
        var reportId = await site.Api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("unit"), isp: "VNPT"));
        var id = (await site.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries?status=failed&incident={id}&unit=vnpt-bn"),
            page => page.GetProperty("total").GetInt32() > 0, TimeSpan.FromSeconds(60), "a notice to VNPT failed");

        var (_, email, password) = await site.CreateUserAsync("operator");
        using var browser = await site.SignedInAsync(email, password);
        var listed = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=vnpt-bn")).Html);
        var shown = Regex.Matches(listed, "name=\"delivery\" value=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(shown);
        var vnpt = (await site.Api.GetJsonAsync("/api/v1/deliveries?status=failed&unit=vnpt-bn&pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("id").GetGuid()).ToHashSet();
        Assert.All(shown, d => Assert.Contains(d, vnpt)); // none of another unit's
        Assert.Contains("<option value=\"vnpt-bn\" selected=\"selected\">", listed, StringComparison.Ordinal);
        Assert.Contains("name=\"unit\" value=\"vnpt-bn\"", listed, StringComparison.Ordinal); // a re-send comes back to the same list
        Assert.Matches("<input type=\"hidden\" name=\"delivery\" value=\"[0-9a-f-]{36}\">\\s*<input type=\"hidden\" name=\"status\" value=\"failed\">\\s*<input type=\"hidden\" name=\"unit\" value=\"vnpt-bn\">", listed);

        // A re-send from the unit's list comes back to the unit's list.
        var resent = await browser.PostAsync("/deliveries?handler=Resend", [F("delivery", shown[0].ToString()), F("status", "failed"), F("unit", "vnpt-bn")]);
        Assert.Equal("/deliveries?status=failed&unit=vnpt-bn", resent.Location!.OriginalString);
        var other = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=no-such-unit")).Html);
        Assert.Contains("Không có thông báo nào không gửi được.", other, StringComparison.Ordinal);
        var bad = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=a%26status%3Dpending")).Html);
        Assert.DoesNotContain("a&status=pending", bad, StringComparison.Ordinal); // not a unit code: every unit, and the value kept nowhere
        Assert.Contains("<h1>Thông báo không gửi được</h1>", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_page_of_a_unit_that_has_answered_since_says_so_and_can_be_left_out()
    {
        var reportId = await site.Api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("answered"), isp: "VNPT"));
        var id = (await site.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
        // The first notice fails. (The escalation's next step is paged at once only when its chain has started by then: a
        // step's page is not waited for here.)
        var failed = await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/deliveries?status=failed&incident={id}&unit=vnpt-bn&origin=engagement"),
            page => page.GetProperty("total").GetInt32() > 0, TimeSpan.FromSeconds(60), "VNPT's first notice failed");
        var page = failed.GetProperty("items")[0];
        var deliveryId = page.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("answeredAs").ValueKind);
        Assert.Contains(deliveryId, await IdsAsync($"status=failed&incident={id}&answered=false")); // not answered: still needs someone

        using (var acknowledged = await site.Api.PostJsonAsync($"/api/v1/engagements/{page.GetProperty("engagementId").GetGuid()}/acknowledge", new { }))
        {
            Assert.True(acknowledged.IsSuccessStatusCode, $"acknowledge: {(int)acknowledged.StatusCode}");
        }

        var detail = await site.Api.GetJsonAsync($"/api/v1/deliveries/{deliveryId}");
        Assert.Equal("acknowledged", detail.GetProperty("delivery").GetProperty("answeredAs").GetString());
        Assert.Equal("failed", detail.GetProperty("delivery").GetProperty("status").GetString()); // what happened to it is kept
        var open = await IdsAsync($"status=failed&incident={id}&answered=false");
        Assert.DoesNotContain(deliveryId, open);
        Assert.NotEmpty(open); // the other units have not answered: their failed notices still need someone
        Assert.Contains(deliveryId, await IdsAsync($"status=failed&incident={id}&answered=true"));
        Assert.All((await site.Api.GetJsonAsync($"/api/v1/deliveries?incident={id}&unit=vnpt-bn&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("origin").GetString()!.StartsWith("step:", StringComparison.Ordinal)),
            d => Assert.Equal("acknowledged", d.GetProperty("answeredAs").GetString())); // any step's page of VNPT too
        var engagements = await site.Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements");
        var listedUnder = engagements.EnumerateArray().SelectMany(e => e.GetProperty("deliveries").EnumerateArray()).Single(n => n.GetProperty("id").GetGuid() == deliveryId);
        Assert.Equal("acknowledged", listedUnder.GetProperty("answeredAs").GetString());

        var (_, email, password) = await site.CreateUserAsync("operator");
        using var browser = await site.SignedInAsync(email, password);
        var all = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=vnpt-bn")).Html);
        var row = Regex.Match(all, $"<tr id=\"delivery-{deliveryId}\">(?:(?!</tr>).)*</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the answered page is listed by default");
        Assert.Contains("Đơn vị đã trả lời: Đã xác nhận nhận tin · không cần gửi lại", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Resend", row.Value, StringComparison.Ordinal); // nothing to press beside "no need"
        Assert.Contains("name=\"answered\" value=\"false\"", all, StringComparison.Ordinal);
        Assert.DoesNotContain("checked=\"checked\"", all, StringComparison.Ordinal); // every failed notice unless asked

        // Only what still needs someone: the answered page is left out, and a re-send from there comes back to it.
        var filtered = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=vnpt-bn&answered=false")).Html);
        Assert.DoesNotContain(deliveryId.ToString(), filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Đơn vị đã trả lời:", filtered, StringComparison.Ordinal);
        Assert.Contains("name=\"answered\" value=\"false\" checked=\"checked\"", filtered, StringComparison.Ordinal);
        var other = Regex.Match(WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&answered=false")).Html), "name=\"delivery\" value=\"([0-9a-f-]{36})\"");
        Assert.True(other.Success, "some failed notice still needs someone");
        var resent = await browser.PostAsync("/deliveries?handler=Resend", [F("delivery", other.Groups[1].Value), F("status", "failed"), F("answered", "false")]);
        Assert.Equal("/deliveries?status=failed&answered=false", resent.Location!.OriginalString);

        browser.Cookies.Add(browser.Http.BaseAddress!, new Cookie("ir-lang", "en"));
        var english = WebUtility.HtmlDecode((await browser.GetAsync("/deliveries?status=failed&unit=vnpt-bn")).Html);
        Assert.Contains("The unit has answered: Acknowledged · no need to send again", english, StringComparison.Ordinal);
        Assert.Contains("Only what still needs action", english, StringComparison.Ordinal);
    }

    private async Task<HashSet<Guid>> IdsAsync(string query) =>
        (await site.Api.GetJsonAsync($"/api/v1/deliveries?{query}&pageSize=200")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToHashSet();

    private async Task<int> FailedTotalAsync() =>
        (await site.Api.GetJsonAsync("/api/v1/deliveries?status=failed&pageSize=1")).GetProperty("total").GetInt32();

    private static int LastPage(int total) => Math.Max(1, (total + IndexModel.PageSize - 1) / IndexModel.PageSize);
}
