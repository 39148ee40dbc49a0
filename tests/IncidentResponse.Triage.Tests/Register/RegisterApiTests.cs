using System.Net;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>The register's API on a whole embedded Host (SQLite), called with an API key as the acceptance check calls it.</summary>
public sealed class RegisterApiTests
{
    private const string Key = "register-test-key-0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_closed_incident_is_found_without_diacritics_and_exported_as_CSV_and_XLSX_with_the_same_filters()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng Quảng Phú 12345"));
        var incident = await api.IncidentOfReportAsync(reportId);
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        using (var closed = await api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact", reason = "test" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var found = await api.GetJsonAsync("/api/v1/incidents?q=quang%20phu%2012345&status=all");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await api.GetJsonAsync("/api/v1/incidents?q=quang%20phu%2012345&status=open")).GetProperty("items").EnumerateArray());
        Assert.Equal(1, (await api.GetJsonAsync($"/api/v1/incidents?q={number}")).GetProperty("total").GetInt32());

        using (var csv = await api.SendAsync(HttpMethod.Get, "/api/v1/incidents/export?format=csv&q=quang%20phu%2012345&status=all"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.Matches(@"^so-su-co-incident-register-\d{4}-\d{2}-\d{2}\.csv$", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            var bytes = await csv.Content.ReadAsByteArrayAsync(Cancel);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("\"Số / Number\",\"Tiêu đề / Title\"", lines[0], StringComparison.Ordinal);
            var row = Assert.Single(lines[1..]);
            Assert.Contains($"\"{number}\",\"DDoS vào Cổng Quảng Phú 12345\"", row, StringComparison.Ordinal);
            Assert.Contains("Đã đóng / Closed", row, StringComparison.Ordinal);
            // Its times as the register page shows them: in Vietnam's time, the offset written out.
            var opened = incident.GetProperty("openedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7));
            Assert.Contains($"\"{opened.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} +07:00\"", row, StringComparison.Ordinal);
            Assert.DoesNotContain("(UTC)", lines[0], StringComparison.Ordinal);
            Assert.Contains("\"Tấn công từ chối dịch vụ (DDoS) (availability:ddos)\"", row, StringComparison.Ordinal); // the class named
        }

        using (var xlsx = await api.SendAsync(HttpMethod.Get, "/api/v1/incidents/export?format=xlsx&q=quang%20phu&status=closed"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Cancel));
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal("Số / Number", rows[0][0]);
            Assert.Equal([number, "DDoS vào Cổng Quảng Phú 12345"], rows[1].Take(2));
        }

        await ProblemAsync(api, "/api/v1/incidents?status=opened", "status");
        await ProblemAsync(api, "/api/v1/incidents?sort=colour", "sort");
        await ProblemAsync(api, "/api/v1/incidents/export?format=pdf", "format");
        await ProblemAsync(api, "/api/v1/incidents/export?format=csv&from=yesterday", "from");
        using var anonymous = await api.WithKey(null).SendAsync(HttpMethod.Get, "/api/v1/incidents/export");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task ProblemAsync(ApiClient api, string path, string field)
    {
        using var response = await api.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
