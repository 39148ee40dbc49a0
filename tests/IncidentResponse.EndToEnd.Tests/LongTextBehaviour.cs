using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// Every text the API accepts is kept whole where it lands, on both providers: an operator's note of
/// the largest accepted size and a partner's longest note, decline reason and resolve summary are on
/// the incident's timeline (which still verifies), and text over its limit is refused, naming the
/// field. SQLite ignores column lengths, so only the PostgreSQL variant could show the opposite.
/// </summary>
public abstract class LongTextBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    /// <summary>A text of exactly <paramref name="length"/> characters, Vietnamese as the committee writes, with a marker to find it by.</summary>
    private static string Text(string marker, int length) => (marker + " " + string.Concat(Enumerable.Repeat("Đã kiểm tra nhật ký máy chủ. ", length / 20 + 1)))[..length];

    private async Task<(Guid Incident, JsonElement Engagements)> IncidentAsync(string name)
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique(name))));
        var id = incident.GetProperty("id").GetGuid();
        return (id, await Api.WaitUntilNotifiedAsync(id, units: 5));
    }

    private static Guid IdOf(JsonElement engagements, string unit) =>
        engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == unit).GetProperty("id").GetGuid();

    private async Task<ApiClient> ResponderAsync(string unit)
    {
        using var issued = await Api.PostJsonAsync("/api/v1/api-keys", new { name = Unique("responder"), role = "responder", unit });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return Api.WithKey((await ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString());
    }

    private static async Task AnsweredAsync(HttpResponseMessage response, HttpStatusCode status) =>
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private static async Task RefusedAsync(HttpResponseMessage response, string field)
    {
        await AnsweredAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ApiClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
    }

    private async Task<JsonElement> TimelineWithAsync(Guid incident, params string[] texts) =>
        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline"),
            t => texts.All(text => t.EnumerateArray().Any(e => e.GetProperty("summaryVi").GetString()!.Contains(text, StringComparison.Ordinal)
                && e.GetProperty("summaryEn").GetString()!.Contains(text, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "the long texts whole on the timeline");

    private async Task AssertVerifiesAsync(Guid incident) =>
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline/verify")).GetProperty("valid").GetBoolean());

    [Fact]
    public async Task A_note_of_the_largest_accepted_size_is_on_the_timeline_and_the_timeline_verifies()
    {
        var (incident, _) = await IncidentAsync("Ghi chú dài");
        var note = Text("note-" + Guid.NewGuid().ToString("N"), 10_000);

        using (var added = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/notes", new { text = note }))
        {
            await AnsweredAsync(added, HttpStatusCode.Created);
        }

        var timeline = await TimelineWithAsync(incident, note);
        Assert.Equal(note, timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "note-added").GetProperty("summaryEn").GetString());
        await AssertVerifiesAsync(incident);
    }

    [Fact]
    public async Task A_partners_longest_note_decline_reason_and_resolve_summary_reach_the_incidents_timeline()
    {
        var (incident, engagements) = await IncidentAsync("Đối tác viết dài");
        var isp = await ResponderAsync("vnpt-bn");
        var police = await ResponderAsync("pa05-bn");
        var note = Text("unit-note-" + Guid.NewGuid().ToString("N"), 4000);
        var reason = Text("decline-" + Guid.NewGuid().ToString("N"), 2000);
        var summary = Text("resolve-" + Guid.NewGuid().ToString("N"), 4000);

        using (var noted = await isp.PostJsonAsync($"/api/v1/engagements/{IdOf(engagements, "vnpt-bn")}/notes", new { text = note }))
        {
            await AnsweredAsync(noted, HttpStatusCode.Created);
        }

        using (var declined = await police.PostJsonAsync($"/api/v1/engagements/{IdOf(engagements, "pa05-bn")}/decline", new { reason }))
        {
            await AnsweredAsync(declined, HttpStatusCode.OK);
        }

        using (var resolved = await isp.PostJsonAsync($"/api/v1/engagements/{IdOf(engagements, "vnpt-bn")}/resolve", new { summary }))
        {
            await AnsweredAsync(resolved, HttpStatusCode.OK);
        }

        await TimelineWithAsync(incident, note, reason, summary);
        await AssertVerifiesAsync(incident);
    }

    [Fact]
    public async Task An_account_with_every_field_at_its_limit_is_created_and_audited()
    {
        var unique = Guid.NewGuid().ToString("N");
        var userName = (unique + new string('+', 256))[..256];
        var email = (unique + "@" + new string('ệ', 256))[..256];
        var displayName = new string('Đ', 200);
        var unit = new string('đ', 40);
        var person = new string('ư', 80);
        await DirectoryByHand.SetUnitAsync(fixture.Host.Services, unit, TestContext.Current.CancellationToken, person: person); // codes at their limits

        using (var created = await Api.PostJsonAsync("/api/v1/users", new { userName, email, displayName, role = "responder", unit, personId = person }))
        {
            await AnsweredAsync(created, HttpStatusCode.Created);
        }

        var audit = (await Api.GetJsonAsync("/api/v1/audit?pageSize=200")).GetProperty("items");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "user.created" && e.GetProperty("after").GetString()!.Contains(unique, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_over_its_limit_is_refused_naming_the_field()
    {
        var (incident, engagements) = await IncidentAsync("Quá giới hạn");
        var engagement = IdOf(engagements, "vnpt-bn");

        using (var note = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/notes", new { text = new string('a', 10_001) }))
        {
            await RefusedAsync(note, "text");
        }

        using (var severity = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/severity", new { level = 5, reason = new string('b', 2001) }))
        {
            await RefusedAsync(severity, "reason");
        }

        using (var status = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/status", new { status = "closed", resolution = "false-positive", reason = new string('c', 2001) }))
        {
            await RefusedAsync(status, "reason");
        }

        using (var unitNote = await Api.PostJsonAsync($"/api/v1/engagements/{engagement}/notes", new { text = new string('d', 4001) }))
        {
            await RefusedAsync(unitNote, "text");
        }

        using (var decline = await Api.PostJsonAsync($"/api/v1/engagements/{engagement}/decline", new { reason = new string('e', 2001) }))
        {
            await RefusedAsync(decline, "reason");
        }

        using (var resolve = await Api.PostJsonAsync($"/api/v1/engagements/{engagement}/resolve", new { summary = new string('f', 4001) }))
        {
            await RefusedAsync(resolve, "summary");
        }

        var detail = await Api.GetJsonAsync($"/api/v1/incidents/{incident}");
        Assert.NotEqual("closed", detail.GetProperty("status").GetProperty("value").GetString());
        Assert.Equal("notified", (await Api.GetJsonAsync($"/api/v1/engagements/{engagement}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Text_holding_a_NUL_character_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (incident, engagements) = await IncidentAsync("Ký tự NUL");
        var engagement = IdOf(engagements, "vnpt-bn");
        var title = Unique("NUL title");

        using (var report = await Api.PostJsonAsync("/api/v1/reports", SampleReports.Ddos(title + "\0")))
        {
            await RefusedAsync(report, "title");
        }

        var nested = JsonSerializer.Serialize(SampleReports.Ddos(title), ApiClient.Json).Replace("\"isp\":\"VNPT\"", "\"isp\":\"VN\\u0000PT\"", StringComparison.Ordinal);
        Assert.Contains("\\u0000", nested, StringComparison.Ordinal);
        using (var report = await Api.PostRawAsync("/api/v1/reports", nested))
        {
            await RefusedAsync(report, "affectedSystem.isp");
        }

        using (var note = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/notes", new { text = "trước\0sau" }))
        {
            await RefusedAsync(note, "text");
        }

        using (var decline = await Api.PostJsonAsync($"/api/v1/engagements/{engagement}/decline", new { reason = "\0" }))
        {
            await RefusedAsync(decline, "reason");
        }

        using (var search = await Api.SendAsync(HttpMethod.Get, "/api/v1/incidents?q=a%00b"))
        {
            await RefusedAsync(search, "q");
        }

        var incidents = await Api.GetJsonAsync("/api/v1/incidents?pageSize=100");
        Assert.DoesNotContain(title, incidents.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("notified", (await Api.GetJsonAsync($"/api/v1/engagements/{engagement}")).GetProperty("state").GetString());
        await AssertVerifiesAsync(incident);
    }
}

public sealed class LongTextOnEmbeddedDefault(EmbeddedWithPartnersFixture fixture) : LongTextBehaviour(fixture), IClassFixture<EmbeddedWithPartnersFixture>;

public sealed class LongTextOnRabbitMqAndPostgres(DistributedWithPartnersFixture fixture) : LongTextBehaviour(fixture), IClassFixture<DistributedWithPartnersFixture>;
