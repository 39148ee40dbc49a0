using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>The document endpoints of a whole embedded Host, called with an API key as a client would.</summary>
public sealed class DocumentEndpointTests
{
    private const string Key = "documents-test-key-0123456789abcdef";

    [Fact]
    public async Task An_incident_s_Mau_03_and_the_Mau_05_summary_come_out_as_PDF_and_DOCX_and_bad_requests_get_problems()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng thông tin điện tử tỉnh", detectedAt: TimeProvider.System.GetUtcNow().AddHours(-1).ToString("O")));
        var incident = await api.IncidentOfReportAsync(reportId);
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;

        using (var pdf = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/documents/mau-03?format=pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            var text = await DocumentReading.PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains("BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG", text, StringComparison.Ordinal);
            Assert.Contains("Cổng thông tin điện tử tỉnh", text, StringComparison.Ordinal);
        }

        foreach (var form in new[] { "mau-03", "mau-04", "personal-data-notice", "progress-report", "support-request", "evidence-handover" })
        {
            using var docx = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/documents/{form}?format=docx");
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Contains(number, DocumentReading.DocxText(await docx.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        }

        // What each form would leave empty: the report gave no reporter address, contact person or how it was detected. The
        // ones an operator may word before issuing name their field; the others come only from the report.
        var completeness = (await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/completeness")).EnumerateArray()
            .ToDictionary(c => c.GetProperty("form").GetString()!, c => c.GetProperty("missing").EnumerateArray()
                .Select(m => (m.GetProperty("label").GetString(), m.GetProperty("field").ValueKind == System.Text.Json.JsonValueKind.Null ? null : m.GetProperty("field").GetString(),
                    m.GetProperty("section").GetString()))
                .ToList());
        Assert.Equal(["mau-03", "mau-04", "personal-data-notice", "progress-report", "support-request", "evidence-handover"], completeness.Keys);
        Assert.Equal([("Bên giao", "handingParty", "2. Các bên"), ("Bên nhận", "receivingParty", "2. Các bên")], completeness["evidence-handover"]);
        // What only a person knows is always to word: what happened since, what help is asked; and the report named no contact.
        Assert.Equal([("Diễn biến chính từ lần báo cáo trước", "developments", "2. Diễn biến và kết quả xử lý")], completeness["progress-report"]);
        Assert.Equal([("Người liên hệ", "contactPerson", "1. Đơn vị đề nghị"), ("Nội dung đề nghị hỗ trợ, phối hợp", "supportRequested", "3. Nội dung đề nghị")],
            completeness["support-request"]);
        Assert.Contains(("Địa chỉ", null, "1. Thông tin người báo cáo"), completeness["mau-03"]);
        Assert.Contains(("Chức vụ", null, "2. Người liên hệ"), completeness["mau-03"]);
        Assert.Contains(("Cách thức phát hiện", "detectionMethod", "4. Thông tin sự cố"), completeness["mau-03"]);
        // The contact's name is missing, the reporter's (given) is not: the section tells the two apart.
        Assert.Contains(("Họ và tên", null, "2. Người liên hệ"), completeness["mau-03"]);
        Assert.DoesNotContain(("Họ và tên", null, "1. Thông tin người báo cáo"), completeness["mau-03"]);
        using (var issued = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-03/issue", new { detectionMethod = "Qua hệ thống giám sát" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        var issuedEntry = (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "document-issued");
        var left = issuedEntry.GetProperty("data").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(completeness["mau-03"].Where(m => m.Item1 != "Cách thức phát hiện").Select(m => $"{m.Item1} ({m.Item3})"), left); // the worded one is filled
        Assert.Contains("Trường bắt buộc (*) còn trống: Địa chỉ (1. Thông tin người báo cáo)", issuedEntry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        await ProblemAsync(api, $"/api/v1/incidents/{Guid.NewGuid()}/documents/completeness", HttpStatusCode.NotFound, "incident");

        var year = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Year;
        using (var summary = await api.SendAsync(HttpMethod.Get, $"/api/v1/statistics/mau-05?year={year}&format=pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
            var text = await DocumentReading.PdfTextAsync(await summary.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Contains("Từ chối dịch vụ 1", text, StringComparison.Ordinal);
        }

        using (var half = await api.SendAsync(HttpMethod.Get, $"/api/v1/statistics/mau-05?year={year}&half=2&format=docx"))
        {
            Assert.Equal(HttpStatusCode.OK, half.StatusCode);
            Assert.Contains("6 THÁNG CUỐI NĂM", DocumentReading.DocxText(await half.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        }

        await ProblemAsync(api, $"/api/v1/incidents/{id}/documents/mau-03?format=odt", HttpStatusCode.BadRequest, "format");
        await ProblemAsync(api, $"/api/v1/statistics/mau-05?year={year}&format=xlsx", HttpStatusCode.BadRequest, "format");
        await ProblemAsync(api, $"/api/v1/statistics/mau-05?year={year}&half=3", HttpStatusCode.BadRequest, "half");
        await ProblemAsync(api, $"/api/v1/incidents/{id}/documents/mau-99?format=pdf", HttpStatusCode.NotFound, "mau-99");
        await ProblemAsync(api, $"/api/v1/incidents/{Guid.NewGuid()}/documents/mau-03?format=pdf", HttpStatusCode.NotFound, "incident");
        using var anonymous = await api.WithKey(null).SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/documents/mau-03");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task ProblemAsync(ApiClient api, string path, HttpStatusCode status, string named)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
