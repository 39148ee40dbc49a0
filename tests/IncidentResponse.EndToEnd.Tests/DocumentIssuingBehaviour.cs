using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The closing report end to end, on both deployments: a serious incident is closed, its Mẫu 04 is worded and
/// issued, e-mailed with the file attached to the duty's recipients, and the duty's submission naming that version
/// records the incident closed — while until then the incident waits for its closing report.
/// </summary>
public abstract class DocumentIssuingBehaviour
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_serious_incident_is_recorded_closed_when_its_issued_and_mailed_Mau_04_is_submitted()
    {
        using var data = new TempDirectory();
        var (deployment, dataDirectory) = await DeploymentAsync(data.Path);
        await using var host = await TestHost.StartAsync(deployment, settings: new Dictionary<string, string>(HostFixture.Settings));
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos($"Cổng dịch vụ công {Guid.NewGuid():N}")));
        Assert.True(incident.GetProperty("serious").GetBoolean());
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        await api.WaitUntilNotifiedAsync(id, units: 5);

        await ExpectAsync(HttpStatusCode.OK, api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" }));
        var closed = await api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.True(closed.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closingRecordedAt").ValueKind);

        using var issue = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/mau-04/issue",
            new { result = "Đã khôi phục Cổng dịch vụ công; lưu lượng tấn công được lọc tại nhà mạng.", place = "Bắc Ninh", signer = "Lê Văn Cường" },
            idempotencyKey: $"mau-04-{id:N}");
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var issued = await ApiClient.ReadJsonAsync(issue);
        var documentId = issued.GetProperty("id").GetGuid();
        var pdfSha256 = issued.GetProperty("pdfSha256").GetString()!;

        // Sent to the closing report's recipients: the committee and the national coordinator are directory units; the
        // specialised unit is not one yet, and its notification says so.
        using (var send = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/issued/{documentId}/send", new { dutyId = "mau-04-closing-report" },
            idempotencyKey: $"send-{id:N}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
            Assert.False(send.Headers.Contains("Idempotent-Replayed"));
            Assert.Equal(["steering-committee", "specialised-unit", "national-coordinator"],
                (await ApiClient.ReadJsonAsync(send)).GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        }

        using (var again = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/issued/{documentId}/send", new { dutyId = "mau-04-closing-report" },
            idempotencyKey: $"send-{id:N}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single()); // as issuing and the periodic reports' sends say
        }

        var pickup = Path.Combine(dataDirectory, "mail-pickup");
        var mails = await Eventually.MatchesAsync(() => Task.FromResult(PickupMails.OfDocument(pickup, documentId)), m => m.Count >= 3, TimeSpan.FromSeconds(30),
            "the Mẫu 04 mails in the pickup folder");
        // Each legal recipient role reaches the unit the directory names for it (specialised-unit: PA05).
        Assert.Equal(["ir@vncert.example.invalid", "thuongtruc@bcd.bacninh.example.invalid", "trucban@pa05.congan.bacninh.example.invalid"],
            mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var mail in mails)
        {
            Assert.StartsWith($"[TLP:AMBER] {number} Báo cáo kết thúc ứng phó sự cố (Mẫu 04)", mail.Subject, StringComparison.Ordinal);
            var pdf = mail.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "application/pdf");
            using var bytes = new MemoryStream();
            await pdf.Content!.DecodeToAsync(bytes, Cancel);
            Assert.Equal(pdfSha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        }

        var deliveries = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/deliveries?incident={id}&pageSize=100"),
            d => Documents(d).Count() == 3 && Documents(d).All(x => x.GetProperty("status").GetString() != "pending"), TimeSpan.FromSeconds(30),
            "every recipient of the Mẫu 04 settled");
        Assert.Equal(["delivered", "delivered", "delivered"], Documents(deliveries).Select(d => d.GetProperty("status").GetString()).Order());
        await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => Documents(deliveries).All(d => t.EnumerateArray().Any(e => e.GetProperty("data").ValueKind == JsonValueKind.Object
                && e.GetProperty("data").TryGetProperty("notificationId", out var n) && n.GetGuid() == d.GetProperty("id").GetGuid())),
            TimeSpan.FromSeconds(30), "each recipient's outcome on the timeline");
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("awaitingClosingReport").GetBoolean(), "sending is not submitting");

        await ExpectAsync(HttpStatusCode.OK, api.PostJsonAsync($"/api/v1/incidents/{id}/duties/mau-04-closing-report/submit",
            new { documentId, channel = "email", note = "Đã gửi Mẫu 04 bằng thư điện tử" }));
        var recorded = await api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.False(recorded.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.Equal(JsonValueKind.String, recorded.GetProperty("closingRecordedAt").ValueKind);
        var duty = (await api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "mau-04-closing-report");
        Assert.Equal(documentId, duty.GetProperty("documentId").GetGuid());

        var timeline = await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "document-issued"));
        Assert.Equal(1, kinds.Count(k => k == "document-sent"));
        Assert.True(kinds.IndexOf("document-issued") < kinds.IndexOf("document-sent") && kinds.IndexOf("document-sent") < kinds.LastIndexOf("duty-submitted"));
        Assert.Equal(pdfSha256, timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "document-issued").GetProperty("data").GetProperty("pdfSha256").GetString());
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
        var listed = Assert.Single((await api.GetJsonAsync($"/api/v1/incidents/{id}/documents/issued")).EnumerateArray());
        Assert.Single(listed.GetProperty("sendings").EnumerateArray());
    }

    /// <summary>Where the Host keeps its state, and the data directory its mail pickup folder is in.</summary>
    protected abstract Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory);

    private static IEnumerable<JsonElement> Documents(JsonElement deliveries) =>
        deliveries.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("origin").GetString() == "document");

    private static async Task ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(status == response.StatusCode, $"{status} expected, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }
}

public sealed class DocumentIssuingOnEmbeddedDefault : DocumentIssuingBehaviour
{
    protected override Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory) =>
        Task.FromResult<(TestDeployment, string)>((new EmbeddedDeployment(directory), directory));
}

/// <summary>The files travel in the message through the PostgreSQL outbox and RabbitMQ.</summary>
public sealed class DocumentIssuingOnRabbitMqAndPostgres(InfrastructureFixture infrastructure) : DocumentIssuingBehaviour, IClassFixture<InfrastructureFixture>
{
    protected override async Task<(TestDeployment Deployment, string DataDirectory)> DeploymentAsync(string directory)
    {
        var name = TestNames.Unique("e2e-documents");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)) { DataDirectory = directory };
        return (deployment, directory);
    }
}
