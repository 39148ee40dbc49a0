using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Tasks;

/// <summary>
/// An incident's tasks on a whole embedded Host, called as a client would: its playbook's checklist in both languages,
/// kept from the first action and not before, each tick, reopening and hand-out once on the verified timeline, requests
/// made twice recorded once, tasks added by hand, and the problems bad requests get, none of which keeps anything.
/// </summary>
public sealed class TaskTests
{
    private const string Key = "tasks-test-key-0123456789abcdef01";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_playbook_s_checklist_is_kept_at_the_first_tick_and_every_change_lands_once_on_the_timeline()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var id = await OpenAsync(api, "availability:ddos");
        var path = $"/api/v1/incidents/{id}/tasks";

        var proposed = await api.GetJsonAsync(path);
        Assert.Equal("ddos", proposed.GetProperty("playbook").GetString());
        Assert.False(proposed.GetProperty("kept").GetBoolean());
        var items = proposed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(8, items.Count); // the ddos playbook's "- [ ]" lines, in order
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"], items.Select(i => i.GetProperty("key").GetString()));
        Assert.Equal("Đã xác nhận thông báo trên hệ thống", items[0].GetProperty("titleVi").GetString());
        Assert.Equal("Notification acknowledged in the system", items[0].GetProperty("titleEn").GetString());
        Assert.Contains("gửi Mẫu 03 [TBSC]", items[3].GetProperty("titleVi").GetString(), StringComparison.Ordinal); // Markdown's code marks gone
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("addedAt").ValueKind));
        Assert.Empty(await TaskEntriesAsync(api, id));

        // Ticked with what was done: the whole list is kept, the tick is on the timeline with its note.
        const string called = "Gọi VNPT lúc 10:05, anh Minh (NOC) tiếp nhận, phiếu 4412";
        var done = await OkAsync(api.PostJsonAsync($"{path}/p2/done", new { note = called }));
        Assert.Equal("p2", done.GetProperty("key").GetString());
        var doneAt = done.GetProperty("doneAt").GetDateTimeOffset();
        Assert.Equal(called, done.GetProperty("doneNote").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("doneBy").GetString()));
        var kept = await api.GetJsonAsync(path);
        Assert.True(kept.GetProperty("kept").GetBoolean());
        Assert.Equal(1, kept.GetProperty("done").GetInt32());
        Assert.All(kept.GetProperty("items").EnumerateArray(), i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("addedAt").ValueKind));

        // The same tick again (a double click, a retry without a body): the task as it was, nothing recorded twice.
        using (var again = await api.SendAsync(HttpMethod.Post, $"{path}/p2/done"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
            var same = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Cancel)).RootElement;
            Assert.Equal(doneAt, same.GetProperty("doneAt").GetDateTimeOffset());
            Assert.Equal(called, same.GetProperty("doneNote").GetString());
        }

        var reopened = await OkAsync(api.PostJsonAsync($"{path}/p2/reopen", new { note = "Chưa có tên người tiếp nhận" }));
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("doneAt").ValueKind);
        await OkAsync(api.PostJsonAsync($"{path}/p2/reopen", new { note = "lần nữa" })); // open already: nothing

        Assert.Equal("Trần Văn Bình, Sở KH&CN", (await OkAsync(api.PostJsonAsync($"{path}/p1/assign", new { assignee = "Trần Văn Bình, Sở KH&CN" })))
            .GetProperty("assignee").GetString());
        await OkAsync(api.PostJsonAsync($"{path}/p1/assign", new { assignee = "Trần Văn Bình, Sở KH&CN" }));
        Assert.Equal(JsonValueKind.Null, (await OkAsync(api.PostJsonAsync($"{path}/p1/assign", new { assignee = " " }))).GetProperty("assignee").ValueKind);

        // A task of the committee's own after the playbook's; the same title again is the same task.
        using (var added = await api.PostJsonAsync(path, new { titleVi = "Đề nghị Cloudflare chặn dải IP tấn công", titleEn = "Ask Cloudflare to block the attacking ranges", assignee = "Đội ứng cứu tỉnh" }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal($"{path}/m1", added.Headers.Location!.OriginalString);
        }

        using (var twice = await api.PostJsonAsync(path, new { titleVi = "Đề nghị Cloudflare chặn dải IP tấn công".Normalize(System.Text.NormalizationForm.FormD) }))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Equal("true", twice.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal("m1", JsonDocument.Parse(await twice.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("key").GetString());
        }

        var list = (await api.GetJsonAsync(path)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(9, list.Count);
        Assert.Equal(("m1", "manual", "Đội ứng cứu tỉnh"), (list[8].GetProperty("key").GetString(), list[8].GetProperty("source").GetString(), list[8].GetProperty("assignee").GetString()));

        var entries = await TaskEntriesAsync(api, id);
        Assert.Equal(["task-done", "task-reopened", "task-assigned", "task-assigned", "task-added"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal($"Hoàn thành việc \"Đã gọi nhà mạng, có tên người tiếp nhận và thời điểm\": {called}", entries[0].GetProperty("summaryVi").GetString());
        Assert.Contains("Chưa có tên người tiếp nhận", entries[1].GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Thôi giao việc", entries[3].GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ask Cloudflare", entries[4].GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_list_follows_the_classification_until_kept_and_stays_as_kept_after_and_an_incident_without_playbook_takes_tasks_by_hand()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var id = await OpenAsync(api, "availability:ddos");
        var path = $"/api/v1/incidents/{id}/tasks";

        var read = await api.GetJsonAsync(path);
        Assert.Equal("ddos@1.0", read.GetProperty("checklist").GetString());
        Assert.Equal("Tấn công từ chối dịch vụ (DoS/DDoS)", read.GetProperty("playbookTitleVi").GetString());

        // A no-op on a list not kept keeps nothing and invents nobody who added it.
        using (var noop = await api.PostJsonAsync($"{path}/p3/reopen", new { }))
        {
            Assert.Equal("true", noop.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await noop.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("addedAt").ValueKind);
        }

        Assert.False((await api.GetJsonAsync(path)).GetProperty("kept").GetBoolean());

        // Reclassified between the reading and the tick: "p2" is now phishing's second item, so a tick naming the list it
        // was read from is refused and changes nothing; naming the list as it is now, it works.
        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "fraud:phishing", reason = "Thực chất là thư giả mạo" }));
        await ProblemAsync(api.PostJsonAsync($"{path}/p2/done", new { note = "Đã gọi VNPT", checklist = "ddos@1.0" }), HttpStatusCode.Conflict, "phishing@1.0");
        var phishing = await api.GetJsonAsync(path);
        Assert.Equal("phishing", phishing.GetProperty("playbook").GetString());
        Assert.False(phishing.GetProperty("kept").GetBoolean());
        Assert.Empty(await TaskEntriesAsync(api, id));
        await OkAsync(api.PostJsonAsync($"{path}/p1/done", new { checklist = "phishing@1.0" }));

        // Reclassified after the list was kept: the kept list stays (its ticks would otherwise be lost).
        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/classification", new { classification = "availability:ddos", reason = "Quay lại DDoS" }));
        var still = await api.GetJsonAsync(path);
        Assert.Equal("phishing", still.GetProperty("playbook").GetString());
        Assert.Equal(phishing.GetProperty("items").GetArrayLength(), still.GetProperty("items").GetArrayLength());
        Assert.Equal(1, still.GetProperty("done").GetInt32());

        var other = await OpenAsync(api, "other:other");
        var none = await api.GetJsonAsync($"/api/v1/incidents/{other}/tasks");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("playbook").ValueKind);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        using (var added = await api.PostJsonAsync($"/api/v1/incidents/{other}/tasks", new { titleVi = "\uFEFFLiên hệ\u00AD chủ\u200B quản" })) // invisible characters pasted from Word or a web page
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{other}/tasks/m1/done", new { note = "Đã gọi" }));
        var byHand = await api.GetJsonAsync($"/api/v1/incidents/{other}/tasks");
        Assert.True(byHand.GetProperty("kept").GetBoolean());
        Assert.Equal(1, byHand.GetProperty("done").GetInt32());
        var only = Assert.Single(byHand.GetProperty("items").EnumerateArray());
        Assert.Equal(("m1", "Liên hệ chủ quản"), (only.GetProperty("key").GetString(), only.GetProperty("titleVi").GetString()));
        Assert.Equal(JsonValueKind.Null, byHand.GetProperty("checklist").ValueKind); // no playbook item: nothing to name

        // Classified later into a playbook: its checklist is proposed ahead of the task added by hand, and not kept yet.
        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{other}/classification", new { classification = "malicious-code:infected-system", reason = "Mã độc" }));
        var now = await api.GetJsonAsync($"/api/v1/incidents/{other}/tasks");
        Assert.False(now.GetProperty("kept").GetBoolean());
        Assert.Equal("m1", now.GetProperty("items").EnumerateArray().Last().GetProperty("key").GetString());
        Assert.Equal("p1", now.GetProperty("items")[0].GetProperty("key").GetString());
        await OkAsync(api.PostJsonAsync($"/api/v1/incidents/{other}/tasks/p1/assign", new { assignee = "Đội ứng cứu" }));
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{other}/tasks")).GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task Bad_requests_get_a_problem_naming_the_field_and_keep_nothing()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var id = await OpenAsync(api, "availability:ddos");
        var path = $"/api/v1/incidents/{id}/tasks";

        await ProblemAsync(api.PostJsonAsync(path, new { titleEn = "English only" }), HttpStatusCode.BadRequest, "titleVi");
        await ProblemAsync(api.PostJsonAsync(path, new { titleVi = new string('ệ', 501) }), HttpStatusCode.BadRequest, "titleVi");
        await ProblemAsync(api.PostJsonAsync(path, new { titleVi = "Việc", assignee = "Bình\u0007" }), HttpStatusCode.BadRequest, "assignee");
        await ProblemAsync(api.PostJsonAsync(path, new { titleVi = "Việc", owner = "x" }), HttpStatusCode.BadRequest, "owner");
        await ProblemAsync(api.PostJsonAsync(path, new { titleVi = "Việc \u202Egnoc" }), HttpStatusCode.BadRequest, "titleVi"); // a right-to-left override
        await ProblemAsync(api.PostJsonAsync($"{path}/p1/done", new { checklist = "ddos@1.0\u2066" }), HttpStatusCode.BadRequest, "checklist"); // an isolate
        await ProblemAsync(api.PostRawAsync(path, "titleVi=Việc", contentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "JSON");
        await ProblemAsync(api.PostJsonAsync($"{path}/p1/done", new { note = new string('n', 2001) }), HttpStatusCode.BadRequest, "note");
        await ProblemAsync(api.PostRawAsync($"{path}/p1/done", "{\"note\":"), HttpStatusCode.BadRequest, "JSON");
        await ProblemAsync(api.PostJsonAsync($"{path}/p1/assign", new { assignee = new string('a', 201) }), HttpStatusCode.BadRequest, "assignee");
        await ProblemAsync(api.PostJsonAsync($"{path}/p9/done", new { }), HttpStatusCode.NotFound, "task"); // the ddos checklist has eight
        await ProblemAsync(api.PostJsonAsync($"{path}/m1/done", new { }), HttpStatusCode.NotFound, "task");
        await ProblemAsync(api.PostJsonAsync($"{path}/p01/done", new { }), HttpStatusCode.NotFound, "task");
        await ProblemAsync(api.PostJsonAsync($"{path}/x/done", new { }), HttpStatusCode.NotFound, "task");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/tasks/p1/done", new { }), HttpStatusCode.NotFound, "incident");
        await ProblemAsync(api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{Guid.NewGuid()}/tasks"), HttpStatusCode.NotFound, "incident");

        var untouched = await api.GetJsonAsync(path);
        Assert.False(untouched.GetProperty("kept").GetBoolean());
        Assert.Equal(0, untouched.GetProperty("done").GetInt32());
        Assert.Empty(await TaskEntriesAsync(api, id));
    }

    private static async Task<Guid> OpenAsync(ApiClient api, string classification)
    {
        var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("tasks"), classification: classification));
        return (await api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> TaskEntriesAsync(ApiClient api, Guid id) =>
        [.. (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString()!.StartsWith("task-", StringComparison.Ordinal))];

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"200 expected, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string named)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"{status} expected, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(named, body, StringComparison.Ordinal);
    }
}
