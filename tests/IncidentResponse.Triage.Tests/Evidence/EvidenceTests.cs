using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Evidence;

/// <summary>
/// The evidence register on a whole embedded Host, called as a client would: a file kept byte for byte with its hash on
/// the timeline, numbered per incident, handed over with each hand-over on the record, a retry that keeps nothing more,
/// and the problems a bad upload gets, none of which keeps anything.
/// </summary>
public sealed class EvidenceTests
{
    private const string Key = "evidence-test-key-0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_is_kept_as_uploaded_numbered_hashed_on_the_timeline_and_handed_over_on_the_record()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var id = await OpenAsync(api);
        // Over the Host's 1 MB body limit, and bytes no text reader would keep as they are.
        var log = new byte[1_500_000];
        new Random(7).NextBytes(log);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(log));

        using var first = await UploadAsync(api, id, log, @"C:\Users\an\Desktop\access log 06-12.bin", "application/x-nginx-log",
            ("description", "Nhật ký truy cập của máy chủ web trong giờ bị tấn công"), ("source", "web01:/var/log/nginx/access.log"),
            ("collectedBy", "Trần Văn Bình, Trung tâm CNTT"), ("collectedAt", "2026-12-06T08:15:00+07:00"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var item = await JsonAsync(first);
        var evidenceId = item.GetProperty("id").GetGuid();
        Assert.Equal(1, item.GetProperty("number").GetInt32());
        Assert.Equal("CC-1", item.GetProperty("label").GetString());
        Assert.Equal("access log 06-12.bin", item.GetProperty("fileName").GetString()); // the client's path is not kept
        Assert.Equal(sha256, item.GetProperty("sha256").GetString());
        Assert.Equal(log.Length, item.GetProperty("size").GetInt64());
        Assert.Equal("Trần Văn Bình, Trung tâm CNTT", item.GetProperty("custodian").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 15, 0, TimeSpan.Zero), item.GetProperty("collectedAt").GetDateTimeOffset());
        Assert.Equal($"/api/v1/incidents/{id}/evidence/{evidenceId}", first.Headers.Location!.OriginalString);

        // The bytes come back exactly, as opaque bytes, with their hash.
        using (var download = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/evidence/{evidenceId}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal($"\"{sha256}\"", download.Headers.ETag!.Tag);
            Assert.Equal(log, await download.Content.ReadAsByteArrayAsync(Cancel));
        }

        // A retry of the same upload keeps nothing more; another upload under the same key is refused.
        using (var retry = await UploadAsync(api, id, log, "access log 06-12.bin", "application/x-nginx-log",
            ("description", "Nhật ký truy cập của máy chủ web trong giờ bị tấn công"), ("source", "web01:/var/log/nginx/access.log"),
            ("collectedBy", "Trần Văn Bình, Trung tâm CNTT"), ("collectedAt", "2026-12-06T08:15:00+07:00")))
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(evidenceId, (await JsonAsync(retry)).GetProperty("id").GetGuid());
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        }

        using (var reused = await UploadAsync(api, id, Encoding.UTF8.GetBytes("khác"), "b.txt", "text/plain", ("description", "khác")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        }

        using (var second = await UploadAsync(api, id, Encoding.UTF8.GetBytes("MZ mẫu mã độc"), "mẫu mã độc.exe", "", ("description", "Mẫu mã độc"), key: null))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            var two = await JsonAsync(second);
            Assert.Equal(2, two.GetProperty("number").GetInt32());
            Assert.Equal("application/octet-stream", two.GetProperty("contentType").GetString());
            Assert.Equal(two.GetProperty("addedBy").GetString(), two.GetProperty("collectedBy").GetString()); // blank: whoever uploaded it
            Assert.Equal(two.GetProperty("addedBy").GetString(), two.GetProperty("custodian").GetString());
        }

        var secondId = (await api.GetJsonAsync($"/api/v1/incidents/{id}/evidence"))[1].GetProperty("id").GetGuid();
        using (var named = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/evidence/{secondId}"))
        {
            Assert.Equal("mẫu mã độc.exe", named.Content.Headers.ContentDisposition!.FileNameStar); // Vietnamese names survive, encoded
            Assert.Equal("no-store", named.Headers.CacheControl!.ToString());
        }

        // Handed over: the custodian moves and each hand-over is on the record; the same holder again records nothing.
        var custody = $"/api/v1/incidents/{id}/evidence/{evidenceId}/custody";
        using (var handed = await api.PostJsonAsync(custody, new { to = "Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh", note = "Biên bản bàn giao số 12/BB" }))
        {
            Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        }

        using (var again = await api.PostJsonAsync(custody, new { to = "Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var listed = await api.GetJsonAsync($"/api/v1/incidents/{id}/evidence");
        Assert.Equal(2, listed.GetArrayLength());
        var kept = listed[0];
        Assert.Equal("Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh", kept.GetProperty("custodian").GetString());
        var transfer = Assert.Single(kept.GetProperty("custody").EnumerateArray());
        Assert.Equal(("Trần Văn Bình, Trung tâm CNTT", "Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh", "Biên bản bàn giao số 12/BB"),
            (transfer.GetProperty("from").GetString(), transfer.GetProperty("to").GetString(), transfer.GetProperty("note").GetString()));

        // The timeline has both facts with the hash, and its chain still verifies.
        var timeline = (await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray().ToList();
        var added = timeline.Where(e => e.GetProperty("kind").GetString() == "evidence-added").ToList();
        Assert.Equal(2, added.Count);
        Assert.Equal(kept.GetProperty("timelineSequence").GetInt32(), added[0].GetProperty("sequence").GetInt32());
        Assert.Equal(sha256, added[0].GetProperty("data").GetProperty("sha256").GetString());
        Assert.Contains($"SHA-256 {sha256}", added[0].GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        var handover = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "evidence-custody");
        Assert.Contains("Biên bản bàn giao số 12/BB", handover.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());

        // The hand-over record for the Police lists both files with their hashes.
        using var record = await api.PostJsonAsync($"/api/v1/incidents/{id}/documents/evidence-handover/issue",
            new { handingParty = "Trần Văn Bình, Trung tâm CNTT", receivingParty = "Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh" });
        Assert.Equal(HttpStatusCode.Created, record.StatusCode);
        var recordId = (await JsonAsync(record)).GetProperty("id").GetGuid();
        using var docx = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/documents/issued/{recordId}?format=docx");
        var recordText = Documents.DocumentReading.DocxText(await docx.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains(sha256, recordText, StringComparison.Ordinal);
        Assert.Contains("CC-2", recordText, StringComparison.Ordinal);
        Assert.Contains("Đại úy Nguyễn Văn Cường, PA05 Công an tỉnh", recordText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_upload_gets_a_problem_naming_the_field_and_keeps_nothing()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = Key,
            ["Triage:Evidence:MaxFileBytes"] = "100000",
        });
        var api = new ApiClient(host.Http, Key);
        var id = await OpenAsync(api);
        var path = $"/api/v1/incidents/{id}/evidence";
        var small = Encoding.UTF8.GetBytes("log");

        await ProblemAsync(UploadAsync(api, id, new byte[100_001], "big.bin", "application/octet-stream", ("description", "quá lớn")), HttpStatusCode.RequestEntityTooLarge, "file");
        await ProblemAsync(UploadAsync(api, id, new byte[3_000_000], "huge.bin", "application/octet-stream", ("description", "rất lớn")), HttpStatusCode.RequestEntityTooLarge, "file");
        // A chunked body (no declared length) over the limit is cut off as it is read.
        using (var chunked = new MultipartFormDataContent())
        {
            var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
            await pipe.Writer.WriteAsync(new byte[400_000], Cancel);
            await pipe.Writer.CompleteAsync();
            chunked.Add(new StreamContent(pipe.Reader.AsStream()), "file", "chunked.bin");
            chunked.Add(new StringContent("không khai báo độ dài"), "description");
            Assert.Null(chunked.Headers.ContentLength); // sent chunked
            using var response = await api.PostContentAsync(path, chunked, "chunked");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        await ProblemAsync(UploadAsync(api, id, [], "empty.bin", "application/octet-stream", ("description", "rỗng")), HttpStatusCode.BadRequest, "file");
        await ProblemAsync(UploadAsync(api, id, null, null, null, ("description", "không có tệp")), HttpStatusCode.BadRequest, "file");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain"), HttpStatusCode.BadRequest, "description");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", new string('x', 2001))), HttpStatusCode.BadRequest, "description");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", "x"), ("collectedAt", "2026-12-06T08:15:00")), HttpStatusCode.BadRequest, "collectedAt");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", "x"),
            ("collectedAt", TimeProvider.System.GetUtcNow().AddHours(2).ToString("O"))), HttpStatusCode.BadRequest, "collectedAt");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", "x"), ("collectedBy", new string('y', 201))), HttpStatusCode.BadRequest, "collectedBy");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", "x\u0007")), HttpStatusCode.BadRequest, "description");
        await ProblemAsync(UploadAsync(api, id, small, "a.log", "text/plain", ("description", "x"), ("source", "a\u0000b")), HttpStatusCode.BadRequest, "source"); // NUL: PostgreSQL cannot store it
        await ProblemAsync(api.PostJsonAsync(path, new { description = "json" }), HttpStatusCode.BadRequest, "file");
        await ProblemAsync(api.PostRawAsync(path, "--x\r\nnot a form", contentType: "multipart/form-data"), HttpStatusCode.BadRequest, "file"); // no boundary: not a 500
        await ProblemAsync(UploadAsync(api, Guid.NewGuid(), small, "a.log", "text/plain", ("description", "x")), HttpStatusCode.NotFound, "incident");
        await ProblemAsync(api.SendAsync(HttpMethod.Get, $"{path}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "evidence");
        await ProblemAsync(api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{Guid.NewGuid()}/evidence"), HttpStatusCode.NotFound, "incident");
        Assert.Equal(0, (await api.GetJsonAsync(path)).GetArrayLength());
        Assert.DoesNotContain((await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray(), e => e.GetProperty("kind").GetString()!.StartsWith("evidence", StringComparison.Ordinal));

        using var kept = await UploadAsync(api, id, new byte[100_000], "exactly.bin", "application/octet-stream", ("description", "vừa đủ"));
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var evidenceId = (await JsonAsync(kept)).GetProperty("id").GetGuid();
        var custody = $"{path}/{evidenceId}/custody";
        await ProblemAsync(api.PostJsonAsync(custody, new { note = "không có người nhận" }), HttpStatusCode.BadRequest, "to");
        await ProblemAsync(api.PostJsonAsync(custody, new { to = new string('z', 201) }), HttpStatusCode.BadRequest, "to");
        await ProblemAsync(api.PostRawAsync(custody, """{"toWhom":"x"}"""), HttpStatusCode.BadRequest, "toWhom");
        await ProblemAsync(api.PostJsonAsync($"{path}/{Guid.NewGuid()}/custody", new { to = "PA05" }), HttpStatusCode.NotFound, "evidence");
        Assert.Empty((await api.GetJsonAsync(path))[0].GetProperty("custody").EnumerateArray());

        using var anonymous = await api.WithKey(null).SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<Guid> OpenAsync(ApiClient api)
    {
        var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng thông tin điện tử tỉnh", detectedAt: TimeProvider.System.GetUtcNow().AddHours(-2).ToString("O")));
        return (await api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> UploadAsync(
        ApiClient api, Guid incidentId, byte[]? file, string? fileName, string? contentType, params (string Name, string Value)[] fields) =>
        UploadAsync(api, incidentId, file, fileName, contentType, fields, "upload-once");

    private static async Task<HttpResponseMessage> UploadAsync(
        ApiClient api, Guid incidentId, byte[]? file, string? fileName, string? contentType, (string Name, string Value)[] fields, string? key)
    {
        using var content = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            if (!string.IsNullOrEmpty(contentType))
            {
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            content.Add(part, "file", fileName!);
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return await api.PostContentAsync($"/api/v1/incidents/{incidentId}/evidence", content, key, expectContinue: true);
    }

    private static Task<HttpResponseMessage> UploadAsync(
        ApiClient api, Guid incidentId, byte[] file, string fileName, string contentType, (string Name, string Value) field, string? key) =>
        UploadAsync(api, incidentId, file, fileName, contentType, [field], key);

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
}
