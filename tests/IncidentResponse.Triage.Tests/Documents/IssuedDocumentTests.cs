using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>
/// Issuing official documents on a whole embedded Host, called as a client would: an operator's edits, an immutable
/// version whose hashes are on the timeline and whose bytes come back unchanged, retries that issue nothing more, and
/// the problems a bad request gets.
/// </summary>
public sealed class IssuedDocumentTests
{
    private const string Key = "issuing-test-key-0123456789abcdef";

    private static readonly string[] Committee = ["bcd-bn"];

    private static readonly string[] NotACode = ["Ban Chỉ đạo"];

    private static readonly string[] NationalCoordinator = ["national-coordinator"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_issued_Mau_04_keeps_the_edits_its_bytes_and_its_hashes_which_the_timeline_records_and_a_retry_issues_nothing_more()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, number) = await OpenAsync(api);
        var edits = new
        {
            result = "Đã khôi phục dịch vụ lúc 15:00; lưu lượng tấn công đã được lọc tại VNPT.",
            measuresTaken = "Chặn 1.204 địa chỉ IP nguồn; bật chống DDoS của nhà mạng.",
            recommendations = "Đề nghị nâng cấp băng thông dự phòng.",
            place = "Bắc Ninh",
            signer = "Nguyễn Thị Hồng Nhung",
        };

        using var first = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-04/issue", edits, idempotencyKey: "mau-04-lan-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var issued = await JsonAsync(first);
        var documentId = issued.GetProperty("id").GetGuid();
        Assert.Equal(1, issued.GetProperty("version").GetInt32());
        Assert.Equal(number, issued.GetProperty("incidentNumber").GetString());
        Assert.Equal("Bắc Ninh", issued.GetProperty("edits").GetProperty("place").GetString());
        Assert.Equal($"/api/v1/incidents/{id}/documents/issued/{documentId}", first.Headers.Location!.OriginalString);

        using (var retry = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-04/issue", edits, idempotencyKey: "mau-04-lan-1"))
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(documentId, (await JsonAsync(retry)).GetProperty("id").GetGuid());
        }

        using (var reused = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-04/issue", new { result = "khác" }, idempotencyKey: "mau-04-lan-1"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        }

        Assert.Equal(1, (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).GetArrayLength());

        // The stored bytes, exactly: their hashes are the ones issued, and they carry the edits.
        var pdf = await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{documentId}?format=pdf", "application/pdf");
        var docx = await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{documentId}?format=docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        Assert.Equal(issued.GetProperty("pdfSha256").GetString(), Sha256(pdf));
        Assert.Equal(issued.GetProperty("docxSha256").GetString(), Sha256(docx));
        var text = await DocumentReading.PdfTextAsync(pdf);
        Assert.Contains("lưu lượng tấn công đã được lọc tại VNPT", text, StringComparison.Ordinal);
        Assert.Contains("Chặn 1.204 địa chỉ IP nguồn", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Hồng Nhung", text, StringComparison.Ordinal);
        Assert.Contains("Bắc Ninh, ngày", text, StringComparison.Ordinal);
        Assert.Contains("Đề nghị nâng cấp băng thông dự phòng.", DocumentReading.DocxText(docx), StringComparison.Ordinal);

        // The timeline says which version was issued with which hashes, and still verifies.
        var timeline = await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        var entry = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "document-issued");
        Assert.Equal(issued.GetProperty("timelineSequence").GetInt32(), entry.GetProperty("sequence").GetInt32());
        Assert.Equal(Sha256(pdf), entry.GetProperty("data").GetProperty("pdfSha256").GetString());
        Assert.Equal(Sha256(docx), entry.GetProperty("data").GetProperty("docxSha256").GetString());
        Assert.Equal(documentId, entry.GetProperty("data").GetProperty("documentId").GetGuid());
        Assert.Contains(Sha256(pdf), entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());

        // Nothing changes an issued version: no PUT, no DELETE; a new issue is a new version.
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var change = await api.SendJsonAsync(method, $"/api/v1/incidents/{id}/documents/issued/{documentId}", new { result = "sửa" });
            Assert.False(change.IsSuccessStatusCode, $"{method} must not succeed");
        }

        using (var second = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-04/issue", new { result = "Bản sửa đổi" }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            Assert.Equal(2, (await JsonAsync(second)).GetProperty("version").GetInt32());
        }

        Assert.Equal(Sha256(pdf), Sha256(await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{documentId}", "application/pdf")));
        Assert.Equal([1, 2], (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).EnumerateArray().Select(d => d.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_preview_renders_the_edits_and_stores_nothing_and_bad_requests_get_problems_naming_the_field()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, _) = await OpenAsync(api, close: false);

        using (var preview = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-03/preview?format=docx",
            new { description = "Cổng bị tấn công từ chối dịch vụ, có dấu hiệu botnet.", confidential = false }))
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var text = DocumentReading.DocxText(await preview.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Contains("có dấu hiệu botnet", text, StringComparison.Ordinal);
            Assert.Contains("Đề nghị giữ bí mật thông tin sự cố: Không", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).GetArrayLength());

        var issue = $"/api/v1/incidents/{id}/documents/mau-03/issue";
        await ProblemAsync(api.PostJsonAsync(issue, new { dataKinds = "họ tên" }), HttpStatusCode.BadRequest, "dataKinds");
        await ProblemAsync(api.PostJsonAsync(issue, new { description = new string('x', 4001) }), HttpStatusCode.BadRequest, "description");
        await ProblemAsync(api.PostRawAsync(issue, """{"mota":"x"}"""), HttpStatusCode.BadRequest, "mota");
        await ProblemAsync(api.PostRawAsync(issue, """{"confidential":"co"}"""), HttpStatusCode.BadRequest, "confidential");
        await ProblemAsync(api.PostJsonAsync(issue, new { }, idempotencyKey: new string('k', 256)), HttpStatusCode.BadRequest, "Idempotency-Key");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-03/preview?format=odt", new { }), HttpStatusCode.BadRequest, "format");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-99/issue", new { }), HttpStatusCode.NotFound, "mau-99");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/documents/mau-03/issue", new { }), HttpStatusCode.NotFound, "incident");
        await ProblemAsync(api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/documents/issued/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "document");
        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/documents/issued/{Guid.NewGuid()}/send", new { recipients = Committee }), HttpStatusCode.NotFound, "document");
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).GetArrayLength());

        var issued = await IssueAsync(api, id, "mau-03");
        var send = $"/api/v1/incidents/{id}/documents/issued/{issued}/send";
        await ProblemAsync(api.PostJsonAsync(send, new { }), HttpStatusCode.BadRequest, "recipients");
        await ProblemAsync(api.PostJsonAsync(send, new { recipients = NotACode }), HttpStatusCode.BadRequest, "recipients");
        await ProblemAsync(api.PostJsonAsync(send, new { recipients = Enumerable.Range(0, 20).Select(n => $"{new string('a', 240)}{n}@example.invalid") }), HttpStatusCode.BadRequest, "recipients");
        await ProblemAsync(api.PostJsonAsync(send, new { dutyId = "no-such-duty" }), HttpStatusCode.BadRequest, "dutyId");
        using (var sent = await api.PostJsonAsync(send, new { dutyId = "initial-report" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        using var anonymous = await api.WithKey(null).PostJsonAsync(issue, new { });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_duty_submission_names_an_issued_version_of_its_own_form_and_the_closing_report_records_the_incident_closed()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, _) = await OpenAsync(api);
        Guid mau03;
        using (var withoutBody = await api.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/documents/mau-03/issue"))
        {
            Assert.Equal(HttpStatusCode.Created, withoutBody.StatusCode); // no body: no edits
            mau03 = (await JsonAsync(withoutBody)).GetProperty("id").GetGuid();
        }

        var mau04 = await IssueAsync(api, id, "mau-04");
        var submit = $"/api/v1/incidents/{id}/duties/mau-04-closing-report/submit";

        await ProblemAsync(api.PostJsonAsync(submit, new { documentId = mau03 }), HttpStatusCode.BadRequest, "documentId");
        await ProblemAsync(api.PostJsonAsync(submit, new { documentId = Guid.NewGuid() }), HttpStatusCode.BadRequest, "documentId");
        await ProblemAsync(api.PostRawAsync(submit, """{"documentId":"không-phải-guid"}"""), HttpStatusCode.BadRequest, "documentId");
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("awaitingClosingReport").GetBoolean());

        using var submitted = await api.PostJsonAsync(submit, new { documentId = mau04, channel = "email" });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var duty = await JsonAsync(submitted);
        Assert.Equal(mau04, duty.GetProperty("documentId").GetGuid());
        Assert.Equal("mau-04 phiên bản 1", duty.GetProperty("documentVersion").GetString());
        var incident = await api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.False(incident.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.Equal(JsonValueKind.String, incident.GetProperty("closingRecordedAt").ValueKind);

        // The Mẫu 04 issued after a Mẫu 03 names it as the initial report.
        var again = await IssueAsync(api, id, "mau-04");
        var pdf = await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{again}", "application/pdf");
        Assert.Contains("Mẫu 03 phiên bản 1", await DocumentReading.PdfTextAsync(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_progress_report_shows_each_unit_where_it_stands_and_counts_its_issues_and_a_request_for_support_is_sent_to_whom_it_names()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var (id, number) = await OpenAsync(api, close: false);
        var engagements = (await api.WaitUntilNotifiedAsync(id)).EnumerateArray().ToList();
        var accepted = engagements[0];
        using (var accept = await api.PostJsonAsync($"/api/v1/engagements/{accepted.GetProperty("id").GetGuid()}/accept", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        }

        var unit = accepted.GetProperty("unit").GetString();
        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "unit-accepted"), TimeSpan.FromSeconds(30), "the acceptance on the timeline");
        var name = timeline.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "unit-engaged" && e.GetProperty("data").GetProperty("unit").GetString() == unit)
            .GetProperty("data").GetProperty("unitName").GetString();
        Assert.False(string.IsNullOrEmpty(name));

        var progress = $"/api/v1/incidents/{id}/documents/progress-report/issue";
        await ProblemAsync(api.PostJsonAsync(progress, new { supportRequested = "x" }), HttpStatusCode.BadRequest, "supportRequested");
        var first = await IssueAsync(api, id, "progress-report", new { developments = "Lưu lượng tấn công đã giảm còn 2 Gbps sau khi nhà mạng lọc.", cause = "Botnet" });
        var firstText = DocumentReading.DocxText(await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{first}?format=docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        Assert.Contains($"{number} — báo cáo lần 1", firstText, StringComparison.Ordinal);
        Assert.Contains("Lưu lượng tấn công đã giảm còn 2 Gbps sau khi nhà mạng lọc.", firstText, StringComparison.Ordinal);
        Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(name!)}\n[^\n]+\nĐang xử lý", firstText); // the table's row: unit, engaged at, step
        Assert.Equal(engagements.Count - 1, CountOf(firstText, "Đã phân công, chưa xác nhận nhận thông báo"));
        Assert.Contains("Thông báo sự cố", firstText, StringComparison.Ordinal); // the 5-day duty, due

        var second = await IssueAsync(api, id, "progress-report", new { developments = "Dịch vụ đã khôi phục." });
        var secondText = await DocumentReading.PdfTextAsync(await DownloadAsync(api, $"/api/v1/incidents/{id}/documents/issued/{second}", "application/pdf"));
        Assert.Contains($"{number} — báo cáo lần 2", secondText, StringComparison.Ordinal);
        Assert.Contains("Lần 1, ", secondText, StringComparison.Ordinal); // the progress report before it

        await ProblemAsync(api.PostJsonAsync($"/api/v1/incidents/{id}/documents/support-request/issue", new { developments = "x" }), HttpStatusCode.BadRequest, "developments");
        var request = await IssueAsync(api, id, "support-request", new { supportRequested = "Đề nghị hỗ trợ lọc lưu lượng tại cổng quốc tế", neededBy = "Ngay" });
        var issuedEntry = (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "document-issued" && e.GetProperty("data").GetProperty("documentId").GetGuid() == request);
        Assert.Equal(["Người liên hệ (1. Đơn vị đề nghị)"], issuedEntry.GetProperty("data").GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        using (var sent = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/issued/{request}/send", new { recipients = NationalCoordinator }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        var sentEntry = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "document-sent"), TimeSpan.FromSeconds(30), "the sending on the timeline");
        Assert.Contains("Báo cáo đề nghị hỗ trợ, phối hợp ứng cứu sự cố", sentEntry.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "document-sent")
            .GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        var listed = (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).EnumerateArray().ToList();
        Assert.Equal([("progress-report", 1), ("progress-report", 2), ("support-request", 1)],
            listed.Select(d => (d.GetProperty("form").GetString()!, d.GetProperty("version").GetInt32())).Order());
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<(Guid Id, string Number)> OpenAsync(ApiClient api, bool close = true)
    {
        var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng thông tin điện tử tỉnh", detectedAt: TimeProvider.System.GetUtcNow().AddHours(-2).ToString("O")));
        var incident = await api.IncidentOfReportAsync(reportId);
        var id = incident.GetProperty("id").GetGuid();
        if (close)
        {
            using var closed = await api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        return (id, incident.GetProperty("number").GetString()!);
    }

    private static async Task<Guid> IssueAsync(ApiClient api, Guid id, string form, object? edits = null)
    {
        using var response = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/{form}/issue", edits ?? new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<byte[]> DownloadAsync(ApiClient api, string path, string contentType)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal($"\"{Sha256(bytes)}\"", response.Headers.ETag!.Tag);
        return bytes;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();

    private static async Task ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string named)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"{status} expected, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(named, body, StringComparison.Ordinal);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
