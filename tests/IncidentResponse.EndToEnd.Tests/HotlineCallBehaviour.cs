using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The hotline's call log over a real Host: operators log every call they take (once per idempotency key, refused whole when
/// a field is wrong), staff read the calls of a period, partners and machines read nothing of it.
/// </summary>
public abstract class HotlineCallBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return await ApiClient.ReadJsonAsync(response);
    }

    private async Task<ApiClient> KeyAsync(string role, string? unit = null)
    {
        using var issued = await Api.PostJsonAsync("/api/v1/api-keys", new { name = $"{role} {Guid.NewGuid():N}"[..20], role, unit });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return Api.WithKey((await ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString());
    }

    private async Task<List<JsonElement>> CallsAsync(string query = "") =>
        (await Api.GetJsonAsync("/api/v1/hotline/calls" + query)).EnumerateArray().ToList();

    [Fact]
    public async Task A_call_is_logged_once_per_key_read_back_by_staff_and_listed_newest_first()
    {
        var operatorKey = await KeyAsync("operator");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var key = "call-" + marker;
        var call = new
        {
            receivedAt = Now.AddMinutes(-20),
            callerName = "Nguyễn Thị Hồng",
            callerPhone = "+84 912 345 678",
            callerOrganization = "UBND xã Quế Võ",
            summary = $"Hỏi cách nhận biết thư lừa đảo {marker}\nĐã hướng dẫn không bấm liên kết.",
            outcome = "advised",
        };
        Guid id;
        using (var logged = await operatorKey.PostJsonAsync("/api/v1/hotline/calls", call, key))
        {
            var view = await ReadAsync(logged, HttpStatusCode.Created);
            id = view.GetProperty("id").GetGuid();
            Assert.Equal($"/api/v1/hotline/calls/{id}", logged.Headers.Location?.OriginalString);
            Assert.Equal("Nguyễn Thị Hồng", view.GetProperty("callerName").GetString());
            Assert.Equal("+84 912 345 678", view.GetProperty("callerPhone").GetString());
            Assert.Equal("advised", view.GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, view.GetProperty("reportId").ValueKind);
            Assert.False(string.IsNullOrEmpty(view.GetProperty("loggedBy").GetString()));
        }

        // The form sent again (a double click, a retry after a lost answer): the same call, nothing more.
        using (var again = await operatorKey.PostJsonAsync("/api/v1/hotline/calls", call, key))
        {
            Assert.Equal(id, (await ReadAsync(again, HttpStatusCode.OK)).GetProperty("id").GetGuid());
        }

        // The key used for other words: refused, not answered with the first call.
        using (var reused = await operatorKey.PostJsonAsync("/api/v1/hotline/calls", call with { outcome = "referred" }, key))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        }

        Assert.Single(await CallsAsync(), c => c.GetProperty("summary").GetString()!.Contains(marker, StringComparison.Ordinal));

        // A call back, later, is a call of its own; the list is newest first, filtered by outcome.
        using (var later = await operatorKey.PostJsonAsync("/api/v1/hotline/calls", new { summary = $"Gọi lại {marker}", outcome = "call-back" }))
        {
            await ReadAsync(later, HttpStatusCode.Created);
        }

        var mine = (await CallsAsync()).Where(c => c.GetProperty("summary").GetString()!.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(["call-back", "advised"], mine.Select(c => c.GetProperty("outcome").GetString()));
        var callBacks = await CallsAsync("?outcome=call-back");
        Assert.NotEmpty(callBacks);
        Assert.All(callBacks, c => Assert.Equal("call-back", c.GetProperty("outcome").GetString()));
        Assert.DoesNotContain(await CallsAsync($"?to={Uri.EscapeDataString(Now.AddHours(-1).ToString("O"))}"),
            c => c.GetProperty("summary").GetString()!.Contains(marker, StringComparison.Ordinal));

        // A key is its caller's own: another operator's call under the same key is another call.
        using (var other = await (await KeyAsync("operator")).PostJsonAsync("/api/v1/hotline/calls", call, key))
        {
            Assert.NotEqual(id, (await ReadAsync(other, HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        // Staff read it; a viewer may not log; partners and machines see nothing of it.
        var viewer = await KeyAsync("viewer");
        Assert.Equal("Nguyễn Thị Hồng", (await viewer.GetJsonAsync($"/api/v1/hotline/calls/{id}")).GetProperty("callerName").GetString());
        using (var refused = await viewer.PostJsonAsync("/api/v1/hotline/calls", call))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var responder = await KeyAsync("responder", "vnpt-bn");
        using (var hidden = await responder.SendAsync(HttpMethod.Get, $"/api/v1/hotline/calls/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        }

        using (var missing = await Api.SendAsync(HttpMethod.Get, $"/api/v1/hotline/calls/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task Five_posts_of_one_call_racing_each_other_log_it_once()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var call = new { callerName = "Lê Văn Hải", summary = $"Hỏi về mã độc tống tiền {marker}", outcome = "advised" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await Api.PostJsonAsync("/api/v1/hotline/calls", call, "race-" + marker);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}");
            return (response.StatusCode, Id: (await ApiClient.ReadJsonAsync(response)).GetProperty("id").GetGuid());
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Single(await CallsAsync(), c => c.GetProperty("summary").GetString()!.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_that_became_a_report_names_it_and_a_call_naming_no_such_report_is_refused()
    {
        var reportId = await Api.SubmitReportAsync(SampleReports.Ddos("Cổng thông tin xã " + Guid.NewGuid().ToString("N")[..6]));
        using (var logged = await Api.PostJsonAsync("/api/v1/hotline/calls", new { callerName = "Trần Văn Nam", summary = "Cổng xã không truy cập được", outcome = "reported", reportId }))
        {
            Assert.Equal(reportId, (await ReadAsync(logged, HttpStatusCode.Created)).GetProperty("reportId").GetGuid());
        }

        using (var unknown = await Api.PostJsonAsync("/api/v1/hotline/calls", new { summary = "x", outcome = "reported", reportId = Guid.NewGuid() }))
        {
            Assert.True((await ReadAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reportId", out _));
        }
    }

    [Fact]
    public async Task A_wrong_field_is_named_and_nothing_is_logged()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var before = (await CallsAsync("?from=" + Uri.EscapeDataString(Now.AddDays(-40).ToString("O")))).Count;
        foreach (var (body, field) in new (object, string)[]
        {
            (new { outcome = "advised" }, "summary"),
            (new { summary = "   ", outcome = "advised" }, "summary"),
            (new { summary = marker, outcome = "không-rõ" }, "outcome"),
            (new { summary = marker }, "outcome"),
            (new { summary = marker, outcome = "reported" }, "reportId"),
            (new { summary = marker, outcome = "advised", callerPhone = "gọi số 0912" }, "callerPhone"),
            (new { summary = marker, outcome = "advised", callerName = "Nguyễn\nVăn A" }, "callerName"),
            (new { summary = marker, outcome = "advised", callerName = new string('a', 501) }, "callerName"),
            (new { summary = marker + "\u0007", outcome = "advised" }, "summary"),
            (new { summary = new string('x', 4001), outcome = "advised" }, "summary"),
            (new { summary = marker, outcome = "advised", receivedAt = Now.AddHours(1) }, "receivedAt"),
            (new { summary = marker, outcome = "advised", receivedAt = Now.AddDays(-31) }, "receivedAt"),
            (new { summary = marker, outcome = "advised", receivedAt = "2026-12-06T10:00:00" }, "receivedAt"), // no offset: whose ten o'clock?
            (new { summary = marker, outcome = "advised", receivedAt = "hôm qua" }, "receivedAt"),
            (new { summary = marker, outcome = "advised", receivedAt = "0001-01-01T00:00:00Z" }, "receivedAt"), // not "now"
        })
        {
            using var refused = await Api.PostJsonAsync("/api/v1/hotline/calls", body);
            var problem = await ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), JsonSerializer.Serialize(body)[..Math.Min(80, JsonSerializer.Serialize(body).Length)]);
        }

        using (var notJson = await Api.SendAsync(HttpMethod.Post, "/api/v1/hotline/calls"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        }

        using (var longKey = await Api.PostJsonAsync("/api/v1/hotline/calls", new { summary = marker, outcome = "advised" }, new string('k', 256)))
        {
            Assert.True((await ReadAsync(longKey, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        }

        foreach (var (query, field) in new[]
        {
            ("?outcome=khac", "outcome"), ("?from=hom-qua", "from"), ("?to=2026-12-06T10:00:00", "to"), ("?to=0001-01-01T00:00:00Z", "to"),
            ("?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from"), ("?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"),
        })
        {
            using var refused = await Api.SendAsync(HttpMethod.Get, "/api/v1/hotline/calls" + query);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await ReadAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), query);
        }

        Assert.Equal(before, (await CallsAsync("?from=" + Uri.EscapeDataString(Now.AddDays(-40).ToString("O")))).Count);
    }

    [Fact]
    public async Task The_longest_call_is_kept_whole()
    {
        var call = new
        {
            callerName = new string('Ư', 500),
            callerPhone = "+84 " + new string('9', 36),
            callerOrganization = new string('Đ', 500),
            summary = string.Concat(Enumerable.Repeat("Sự cố 🚨 ", 444)) + "kết.", // 4,000 UTF-16 units, pairs among them
            outcome = "not-an-incident",
        };
        using var logged = await Api.PostJsonAsync("/api/v1/hotline/calls", call);
        var view = await ReadAsync(logged, HttpStatusCode.Created);
        var stored = await Api.GetJsonAsync($"/api/v1/hotline/calls/{view.GetProperty("id").GetGuid()}");
        Assert.Equal(call.callerName, stored.GetProperty("callerName").GetString());
        Assert.Equal(call.callerPhone, stored.GetProperty("callerPhone").GetString());
        Assert.Equal(call.callerOrganization, stored.GetProperty("callerOrganization").GetString());
        Assert.Equal(4000, call.summary.Length);
        Assert.Equal(call.summary, stored.GetProperty("summary").GetString());
    }
}

public sealed class HotlineCallsOnEmbeddedDefault(EmbeddedHostFixture fixture) : HotlineCallBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class HotlineCallsOnRabbitMqAndPostgres(DistributedHostFixture fixture) : HotlineCallBehaviour(fixture), IClassFixture<DistributedHostFixture>;
