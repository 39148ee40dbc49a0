using System.Net;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>The incident page's tasks: the playbook's checklist in the reader's language, ticked, reopened, given and added from the page; a viewer reads them only.</summary>
[Collection(PagesGroup.Name)]
public sealed class IncidentTasksPageTests(PagesSite site)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task An_operator_works_the_playbook_s_checklist_from_the_page_and_a_viewer_only_reads_it()
    {
        var (incidentId, _) = await site.FileIncidentAsync();
        using var browser = await site.SignInAsync("dieu-hanh");

        var first = WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{incidentId}")).Html);
        Assert.Contains("<h2 id=\"tasks\">Việc cần làm</h2>", first, StringComparison.Ordinal);
        Assert.Contains("Đã xong 0/8 việc.", first, StringComparison.Ordinal);
        Assert.Contains("hướng dẫn ứng phó <a href=\"/playbooks/ddos\">“Tấn công từ chối dịch vụ (DoS/DDoS)”</a> (phiên bản 1.0), sẽ được lưu khi có thao tác đầu tiên.", first, StringComparison.Ordinal);
        Assert.Contains("name=\"checklist\" value=\"ddos@1.0\"", first, StringComparison.Ordinal);
        Assert.Contains("Đã gọi nhà mạng, có tên người tiếp nhận và thời điểm", first, StringComparison.Ordinal);
        Assert.Contains("handler=TaskDone", first, StringComparison.Ordinal);

        var ticked = await browser.PostAsync($"/incidents/{incidentId}?handler=TaskDone", [F("key", "p2"), F("note", "Anh Minh, NOC VNPT, 10:05")]);
        Assert.Equal(HttpStatusCode.Redirect, ticked.Status);
        Assert.Equal($"/incidents/{incidentId}#tasks", ticked.Location!.OriginalString);
        var given = await browser.PostAsync($"/incidents/{incidentId}?handler=TaskAssign", [F("key", "p3"), F("assignee", "Trần Văn Bình, Sở KH&CN")]);
        Assert.Equal(HttpStatusCode.Redirect, given.Status);
        var added = await browser.PostAsync($"/incidents/{incidentId}?handler=AddTask", [F("titleVi", "Báo cáo Chủ tịch UBND tỉnh"), F("titleEn", "Brief the province's chairman")]);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var noTitle = await browser.PostAsync($"/incidents/{incidentId}?handler=AddTask", [F("titleEn", "English only")]);
        Assert.Equal(HttpStatusCode.Redirect, noTitle.Status);

        var after = WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{incidentId}")).Html);
        Assert.Contains("Bắt buộc: việc cần làm, bằng tiếng Việt", after, StringComparison.Ordinal); // the API's problem, in the reader's language
        Assert.Contains("Đã xong 1/9 việc.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("sẽ được lưu khi có thao tác đầu tiên", after, StringComparison.Ordinal);
        Assert.Contains("Anh Minh, NOC VNPT, 10:05", after, StringComparison.Ordinal);
        Assert.Contains("Giao cho: Trần Văn Bình, Sở KH&CN", after, StringComparison.Ordinal);
        Assert.Contains("Báo cáo Chủ tịch UBND tỉnh", after, StringComparison.Ordinal);
        Assert.Contains("handler=TaskReopen", after, StringComparison.Ordinal);

        // A key the list does not have (a page read before the list changed): said on the page, not a bare 404.
        var unknown = await browser.PostAsync($"/incidents/{incidentId}?handler=TaskDone", [F("key", "p99")]);
        Assert.Equal(HttpStatusCode.Redirect, unknown.Status);
        Assert.Equal($"/incidents/{incidentId}", unknown.Location!.OriginalString);
        Assert.Contains("Không thực hiện được", WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{incidentId}")).Html), StringComparison.Ordinal);

        var reopened = await browser.PostAsync($"/incidents/{incidentId}?handler=TaskReopen", [F("key", "p2"), F("reason", "Thiếu số phiếu")]);
        Assert.Equal(HttpStatusCode.Redirect, reopened.Status);
        var tasks = await site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/tasks");
        Assert.Equal(0, tasks.GetProperty("done").GetInt32());
        var kinds = (await site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/timeline")).EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).Where(k => k!.StartsWith("task-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["task-done", "task-assigned", "task-added", "task-reopened"], kinds);

        // English second: the same list in the reader's language.
        browser.Cookies.Add(browser.Http.BaseAddress!, new Cookie("ir-lang", "en"));
        var english = WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{incidentId}")).Html);
        Assert.Contains("Telecom called; name of the person and time recorded", english, StringComparison.Ordinal);
        Assert.Contains("Brief the province's chairman", english, StringComparison.Ordinal);
        Assert.Contains("0 of 9 done.", english, StringComparison.Ordinal);

        using var viewer = await site.SignInAsync("quan-sat");
        var read = WebUtility.HtmlDecode((await viewer.GetAsync($"/incidents/{incidentId}")).Html);
        Assert.Contains("Báo cáo Chủ tịch UBND tỉnh", read, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=TaskDone", read, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=AddTask", read, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/incidents/{incidentId}?handler=TaskDone", [F("key", "p1")])).Status);
        Assert.Equal(0, (await site.Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/tasks")).GetProperty("done").GetInt32());
    }
}
