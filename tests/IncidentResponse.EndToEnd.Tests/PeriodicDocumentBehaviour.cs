using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The annual Mẫu 05 end to end, on both deployments: issued as numbered, immutable versions whose counts and files stay
/// what they were when issued; downloaded byte for byte; e-mailed with the files to the national coordinator; and the report
/// recorded submitted by a person naming the version sent.
/// </summary>
public abstract class PeriodicDocumentBehaviour
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Detected a little before now, so the incidents count in this year's report whatever year the suite runs in; in the first
    /// minutes of 1 January (+07:00) no earlier than the year's start.
    /// </summary>
    private static string DetectedIn(int year)
    {
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var recent = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        return (recent > start ? recent : start).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_annual_Mau_05_is_issued_as_fixed_versions_mailed_and_recorded_submitted_naming_the_version()
    {
        using var data = new TempDirectory();
        var (deployment, dataDirectory) = await DeploymentAsync(data.Path);
        await using var host = await TestHost.StartAsync(deployment, settings: new Dictionary<string, string>(HostFixture.Settings));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var year = (await api.GetJsonAsync("/api/v1/periodic-reports")).EnumerateArray().First().GetProperty("year").GetInt32();
        var reports = $"/api/v1/periodic-reports/mau-05-year/{year}";
        await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos($"Cổng dịch vụ công {Guid.NewGuid():N}", detectedAt: DetectedIn(year), observable: "198.51.100.21")));

        var first = await IssueAsync(api, reports, "mau-05-first");
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(1, Total(first));
        using (var replay = await api.PostJsonAsync($"{reports}/issue", new { }, idempotencyKey: "mau-05-first"))
        {
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(first.GetProperty("id").GetGuid(), (await ApiClient.ReadJsonAsync(replay)).GetProperty("id").GetGuid());
        }

        // A later incident changes the next version, never an issued one.
        await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos($"Cổng thông tin {Guid.NewGuid():N}", detectedAt: DetectedIn(year), observable: "198.51.100.22")));
        var second = await IssueAsync(api, reports, "mau-05-second");
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(2, Total(second));
        var firstPdf = await DownloadAsync(api, first, "pdf");
        Assert.Equal(first.GetProperty("pdfSha256").GetString(), Sha256(firstPdf));
        Assert.Equal(first.GetProperty("docxSha256").GetString(), Sha256(await DownloadAsync(api, first, "docx")));
        Assert.NotEqual(first.GetProperty("pdfSha256").GetString(), second.GetProperty("pdfSha256").GetString());
        var listed = (await api.GetJsonAsync($"{reports}/issued")).EnumerateArray().ToList();
        Assert.Equal([1, 2], listed.Select(d => d.GetProperty("version").GetInt32()));
        Assert.Equal(1, Total(listed[0]));

        await ExpectAsync(HttpStatusCode.UnprocessableEntity, api.PostJsonAsync($"/api/v1/periodic-reports/mau-05-year/{year + 2}/issue", new { }));
        await ExpectAsync(HttpStatusCode.NotFound, api.PostJsonAsync($"/api/v1/periodic-reports/mau-99/{year}/issue", new { }));
        await ExpectAsync(HttpStatusCode.NotFound, api.SendAsync(HttpMethod.Get, $"/api/v1/periodic-reports/mau-05-half-year/{year}/issued/{first.GetProperty("id").GetGuid()}"));
        await ExpectAsync(HttpStatusCode.BadRequest, api.SendAsync(HttpMethod.Get, $"{reports}/issued/{first.GetProperty("id").GetGuid()}?format=xml"));

        var secondId = second.GetProperty("id").GetGuid();
        foreach (var attempt in new[] { 1, 2 })
        {
            using var send = await api.PostJsonAsync($"{reports}/issued/{secondId}/send", new { }, idempotencyKey: "mau-05-send");
            Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
            Assert.Equal(attempt == 2, send.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
            Assert.Equal(["national-coordinator"], (await ApiClient.ReadJsonAsync(send)).GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        }

        var mail = (await Eventually.MatchesAsync(() => Task.FromResult(PickupMails.OfDocument(Path.Combine(dataDirectory, "mail-pickup"), secondId)), m => m.Count >= 1,
            TimeSpan.FromSeconds(30), "the Mẫu 05 mail in the pickup folder")).Single();
        Assert.Equal("ir@vncert.example.invalid", mail.To.Mailboxes.Single().Address);
        Assert.Equal($"[TLP:GREEN] Báo cáo tổng hợp tình hình sự cố năm (Mẫu 05) {year} — phiên bản 2", mail.Subject);
        Assert.Equal($"mau-05-year:{year}", mail.Headers["X-IR-Periodic-Report"]);
        Assert.Null(mail.Headers["X-IR-Incident"]);
        Assert.Contains("lưu cùng phiên bản đã ban hành", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("của sự cố", mail.TextBody, StringComparison.Ordinal);
        var pdf = mail.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
        using (var bytes = new MemoryStream())
        {
            await pdf.Content!.DecodeToAsync(bytes, Cancel);
            Assert.Equal(second.GetProperty("pdfSha256").GetString(), Sha256(bytes.ToArray()));
        }

        var delivered = await Eventually.MatchesAsync(() => api.GetJsonAsync("/api/v1/deliveries?origin=document&pageSize=100"),
            d => d.GetProperty("items").EnumerateArray().Any(x => x.GetProperty("status").GetString() == "delivered"), TimeSpan.FromSeconds(30), "the Mẫu 05 delivered");
        Assert.Equal($"mau-05-year:{year}", Assert.Single(delivered.GetProperty("items").EnumerateArray()).GetProperty("incidentNumber").GetString());

        // Sending is not submitting: a person records the report submitted, naming the version that arrived.
        var report = (await api.GetJsonAsync($"/api/v1/periodic-reports?year={year}")).EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "mau-05-year");
        Assert.NotEqual("submitted", report.GetProperty("state").GetString());
        await ExpectAsync(HttpStatusCode.BadRequest, api.PostJsonAsync($"{reports}/submit", new { documentId = Guid.NewGuid() }));
        await ExpectAsync(HttpStatusCode.NotFound, api.PostJsonAsync($"/api/v1/periodic-reports/mau-99/{year}/submit", new { documentId = secondId }));
        await ExpectAsync(HttpStatusCode.OK, api.PostJsonAsync($"{reports}/submit", new { documentId = secondId, channel = "email" }));
        report = (await api.GetJsonAsync($"/api/v1/periodic-reports?year={year}")).EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "mau-05-year");
        Assert.Equal("submitted", report.GetProperty("state").GetString());
        Assert.Equal("email", report.GetProperty("channel").GetString());
        Assert.Equal(secondId, report.GetProperty("documentId").GetGuid());
        Assert.StartsWith("Báo cáo tổng hợp tình hình sự cố (Mẫu 05) phiên bản 2 (SHA-256 PDF ", report.GetProperty("documentVersion").GetString(), StringComparison.Ordinal);
        var issued = report.GetProperty("issued").EnumerateArray().ToList();
        Assert.Equal([0, 1], issued.Select(d => d.GetProperty("sendings").GetArrayLength()));
    }

    /// <summary>Where the Host keeps its state, and the data directory its mail pickup folder is in.</summary>
    protected abstract Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory);

    private static async Task<JsonElement> IssueAsync(ApiClient api, string reports, string key)
    {
        using var issue = await api.PostJsonAsync($"{reports}/issue", new { }, idempotencyKey: key);
        Assert.True(issue.StatusCode == HttpStatusCode.Created, await issue.Content.ReadAsStringAsync(Cancel));
        return await ApiClient.ReadJsonAsync(issue);
    }

    private static async Task<byte[]> DownloadAsync(ApiClient api, JsonElement document, string format)
    {
        using var response = await api.SendAsync(HttpMethod.Get, document.GetProperty(format).GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{document.GetProperty(format + "Sha256").GetString()}\"", response.Headers.ETag?.Tag);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static int Total(JsonElement document) => document.GetProperty("counts").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32());

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(status == response.StatusCode, $"{status} expected, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }
}

public sealed class PeriodicDocumentOnEmbeddedDefault : PeriodicDocumentBehaviour
{
    protected override Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory) =>
        Task.FromResult<(TestDeployment, string)>((new EmbeddedDeployment(directory), directory));
}

/// <summary>The files travel in the message through the PostgreSQL outbox and RabbitMQ; the columns are PostgreSQL's.</summary>
public sealed class PeriodicDocumentOnRabbitMqAndPostgres(InfrastructureFixture infrastructure) : PeriodicDocumentBehaviour, IClassFixture<InfrastructureFixture>
{
    protected override async Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory)
    {
        var name = TestNames.Unique("e2e-periodic-docs");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)) { DataDirectory = directory };
        return (deployment, directory);
    }
}
