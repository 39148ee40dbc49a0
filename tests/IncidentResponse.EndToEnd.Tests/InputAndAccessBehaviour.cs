using System.Net;
using System.Text.Json;
using IncidentResponse.Intake.Data;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>Bad input gets a clear problem and stores nothing; every call authenticates and is authorised; retries are idempotent.</summary>
public abstract class InputAndAccessBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "wrong type", """{"title": 5, "description": "x"}""", "title" },
        { "malformed JSON", """{"title": "x", "classification": "nope:nope" """, "$" },
        { "unknown classification", """{"title": "x", "description": "y", "classification": "nope:nope"}""", "classification" },
        { "unknown TLP", """{"title": "x", "description": "y", "tlp": "PURPLE"}""", "tlp" },
        { "missing title", """{"description": "y"}""", "title" },
        { "not a date", """{"title": "x", "description": "y", "detectedAt": "not a date"}""", "detectedAt" },
        { "level as text", """{"title": "x", "description": "y", "affectedSystem": {"securityLevel": "four"}}""", "affectedSystem.securityLevel" },
        { "level out of range", """{"title": "x", "description": "y", "affectedSystem": {"securityLevel": 9}}""", "affectedSystem.securityLevel" },
        { "bad observable", """{"title": "x", "description": "y", "observables": [{"type": "ip", "value": "999.1.1.1"}]}""", "observables[0].value" },
        { "null body", "null", "$" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        var before = await ReportCountAsync();

        using var response = await Api.PostRawAsync("/api/v1/reports", body);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(field == "$" ? errors.EnumerateObject().Any() : errors.TryGetProperty(field, out _), $"{why}: no error for {field} in {text}");
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task Words_that_would_read_other_than_they_are_on_the_timeline_are_refused_naming_the_field()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(TestNames.Unique("Cổng chữ ẩn"))));
        var id = incident.GetProperty("id").GetGuid();
        var engagement = (await Api.WaitUntilNotifiedAsync(id))[0];
        var engagementId = engagement.GetProperty("id").GetGuid();
        var before = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        // "Đã chặn tệp exe.txt" shown as "…txt.exe": a right-to-left override; an isolate; a tag character hiding text.
        string[] hidden = ["Đã chặn tệp \u202Etxt.exe", "Liên hệ \u2066A\u2069 ngay", "Ghi chú \U000E0041\U000E0042"];

        foreach (var text in hidden)
        {
            await RefusedAsync($"/api/v1/incidents/{id}/notes", new { text }, "text");
            await RefusedAsync($"/api/v1/engagements/{engagementId}/notes", new { text }, "text");
            await RefusedAsync($"/api/v1/engagements/{engagementId}/decline", new { reason = text }, "reason");
            await RefusedAsync($"/api/v1/engagements/{engagementId}/resolve", new { summary = text }, "summary");
            await RefusedAsync($"/api/v1/incidents/{id}/severity", new { level = 1, reason = text }, "reason");
            await RefusedAsync($"/api/v1/incidents/{id}/status", new { status = "closed", reason = text }, "reason");
            await RefusedAsync($"/api/v1/incidents/{id}/classification", new { classification = "malicious-code:infected-system", reason = text }, "reason");
            await RefusedAsync($"/api/v1/incidents/{id}/engagements", new { unit = "viettel-bn", reason = text }, "reason");
        }

        var still = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal((before.GetProperty("status").GetRawText(), before.GetProperty("classification").GetRawText(), before.GetProperty("severity").GetRawText()),
            (still.GetProperty("status").GetRawText(), still.GetProperty("classification").GetRawText(), still.GetProperty("severity").GetRawText()));

        Assert.Equal(engagement.GetProperty("state").GetString(), (await Api.GetJsonAsync($"/api/v1/engagements/{engagementId}")).GetProperty("state").GetString());
        using (var plain = await Api.PostJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "Đã chặn tệp txt.exe (\u200Fدليل\u200F)" }))
        {
            Assert.True(plain.IsSuccessStatusCode, $"a note with only direction marks: {(int)plain.StatusCode}"); // marks alone change no order
        }

        var after = Strings(await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).ToList();
        Assert.Contains(after, t => t.Contains("Đã chặn tệp txt.exe (", StringComparison.Ordinal)); // the plain note is on the timeline
        Assert.DoesNotContain(after, t => t.Contains('\u202E', StringComparison.Ordinal) || t.Contains('\u2066', StringComparison.Ordinal));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    private async Task RefusedAsync(string path, object body, string field)
    {
        using var response = await Api.PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("Có ký tự đổi chiều văn bản hoặc ký tự ẩn / contains text-direction or hidden characters",
            JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413_and_another_content_type_415()
    {
        var before = await ReportCountAsync();
        var big = JsonSerializer.Serialize(new { title = new string('x', 2_000_000), description = "y" });

        // The size is refused from the declared length, before the body is read; the client asks first, so the
        // answer comes before it has sent 2 MB (without asking, one run met a reset while still sending).
        using var tooLarge = await Api.PostRawAsync("/api/v1/reports", big, expectContinue: true);
        using var notJson = await Api.PostRawAsync("/api/v1/reports", "title=x", contentType: "text/plain");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_get_the_same_answer_and_one_report()
    {
        var key = Guid.NewGuid().ToString();
        var report = SampleReports.Ddos($"Idempotent {key[..6]}");
        var before = await ReportCountAsync();

        var first = await Api.SubmitReportAsync(report, key);
        var second = await Api.SubmitReportAsync(report, key);

        Assert.Equal(first, second);
        Assert.Equal(before + 1, await ReportCountAsync());
        using var reused = await Api.PostJsonAsync("/api/v1/reports", SampleReports.Ddos("another system"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(before + 1, await ReportCountAsync());
        Assert.Equal(1, (await Api.IncidentOfReportAsync(first)).GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task Every_call_needs_a_valid_key_and_a_role_that_allows_it()
    {
        var viewer = Api.WithKey(await IssueKeyAsync("viewer"));
        var integration = Api.WithKey(await Api.IssueIntegrationKeyAsync("access " + Guid.NewGuid().ToString("N")[..8]));
        var report = SampleReports.Ddos($"Access {Guid.NewGuid():N}");

        using (var anonymous = await Api.WithKey(null).PostJsonAsync("/api/v1/reports", report))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var wrong = await Api.WithKey("ir_not-a-key-that-exists-anywhere-000").SendAsync(HttpMethod.Get, "/api/v1/incidents"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var viewerFiles = await viewer.PostJsonAsync("/api/v1/reports", report))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerFiles.StatusCode);
        }

        using (var integrationFiles = await integration.PostJsonAsync("/api/v1/reports", report))
        {
            Assert.Equal(HttpStatusCode.Forbidden, integrationFiles.StatusCode); // a machine key opens its own door only
        }

        var reportId = await Api.SubmitReportAsync(report);
        var incidentId = (await Api.WaitUntilTriagedAsync(reportId)).GetProperty("incidentId").GetGuid();
        using (var integrationReads = await integration.SendAsync(HttpMethod.Get, "/api/v1/incidents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, integrationReads.StatusCode);
        }

        Assert.Equal(incidentId, (await viewer.GetJsonAsync($"/api/v1/incidents/{incidentId}")).GetProperty("id").GetGuid());
        using (var viewerWrites = await viewer.PostJsonAsync($"/api/v1/incidents/{incidentId}/notes", new { text = "xem" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerWrites.StatusCode);
        }

        using (var viewerAdministers = await viewer.SendAsync(HttpMethod.Get, "/api/v1/api-keys"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerAdministers.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/incidents", $"/api/v1/reports/{reportId}", "/openapi/v1.json" })
        {
            using var anonymous = await Api.WithKey(null).SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        using var issued = await Api.PostJsonAsync("/api/v1/api-keys", new { name = "to revoke", role = "operator" });
        var key = await ApiClient.ReadJsonAsync(issued);
        var client = Api.WithKey(key.GetProperty("key").GetString());
        using (var before = await client.SendAsync(HttpMethod.Get, "/api/v1/incidents"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var revoked = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{key.GetProperty("id").GetGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var after = await client.SendAsync(HttpMethod.Get, "/api/v1/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var listed = await Api.GetJsonAsync("/api/v1/api-keys");
        Assert.DoesNotContain(listed.EnumerateArray(), k => k.TryGetProperty("key", out _) || k.TryGetProperty("keyHash", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_reports_and_incidents_api()
    {
        var document = await Api.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/reports", paths);
        Assert.Contains("/api/v1/incidents/{id}/timeline/verify", paths);
    }

    private async Task<string> IssueKeyAsync(string role)
    {
        using var response = await Api.PostJsonAsync("/api/v1/api-keys", new { name = $"{role} {Guid.NewGuid():N}", role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.ReadJsonAsync(response)).GetProperty("key").GetString()!;
    }

    private async Task<int> ReportCountAsync()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.CountAsync();
    }
}

public sealed class InputAndAccessOnEmbeddedDefault(EmbeddedHostFixture fixture) : InputAndAccessBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class InputAndAccessOnRabbitMqAndPostgres(DistributedHostFixture fixture) : InputAndAccessBehaviour(fixture), IClassFixture<DistributedHostFixture>;
