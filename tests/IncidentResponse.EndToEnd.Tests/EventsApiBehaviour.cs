using System.Net;
using System.Text.Json;
using IncidentResponse.Intake.Data;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IncidentResponse.Testing.MachineIntakeClient;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// <c>POST /v2/enqueue</c> keeps the PagerDuty Events API v2 contract: its error bodies, its size
/// and rate limits, and its dedup-key semantics, each turned into incidents by triage.
/// </summary>
public abstract class EventsApiBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { "not JSON", """{"routing_key": "x", """, "$" },
        { "not an object", """["trigger"]""", "$" },
        { "no routing key", """{"event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key" },
        { "routing key not a string", """{"routing_key":5,"event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key" },
        { "no action", """{"routing_key":"KEY","payload":{"summary":"s","source":"h","severity":"info"}}""", "event_action" },
        { "unknown action", """{"routing_key":"KEY","event_action":"explode","payload":{"summary":"s","source":"h","severity":"info"}}""", "event_action" },
        { "trigger without payload", """{"routing_key":"KEY","event_action":"trigger"}""", "payload" },
        { "payload not an object", """{"routing_key":"KEY","event_action":"trigger","payload":"down"}""", "payload" },
        { "no summary", """{"routing_key":"KEY","event_action":"trigger","payload":{"source":"h","severity":"info"}}""", "payload.summary" },
        { "summary over 1024", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"LONG","source":"h","severity":"info"}}""", "payload.summary" },
        { "no source", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","severity":"info"}}""", "payload.source" },
        { "no severity", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h"}}""", "payload.severity" },
        { "unknown severity", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"fatal"}}""", "payload.severity" },
        { "bad timestamp", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info","timestamp":"yesterday"}}""", "payload.timestamp" },
        { "dedup key over 255", """{"routing_key":"KEY","event_action":"trigger","dedup_key":"DEDUP","payload":{"summary":"s","source":"h","severity":"info"}}""", "dedup_key" },
        { "resolve without dedup key", """{"routing_key":"KEY","event_action":"resolve"}""", "dedup_key" },
        { "acknowledge without dedup key", """{"routing_key":"KEY","event_action":"acknowledge"}""", "dedup_key" },
        { "link without href", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"},"links":[{"text":"x"}]}""", "links[0].href" },
        { "image without src", """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"},"images":[{"alt":"x"}]}""", "images[0].src" },
        { "unknown routing key", """{"routing_key":"0123456789abcdef0123456789abcdef","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task An_invalid_event_gets_the_contract_400_body_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        var key = await Api.IssueIntegrationKeyAsync($"bad-event {why}");
        var before = await ReportCountAsync();

        var (status, answer, response) = await Api.EnqueueAsync(body.Replace("KEY", key, StringComparison.Ordinal)
            .Replace("LONG", new string('x', 1025), StringComparison.Ordinal).Replace("DEDUP", new string('d', 256), StringComparison.Ordinal));
        response.Dispose();

        Assert.True(status == HttpStatusCode.BadRequest, $"{why}: {(int)status} {answer}");
        AssertInvalidEventBody(answer);
        Assert.Contains(answer.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith(field + ":", StringComparison.Ordinal));
        Assert.Equal(before, await ReportCountAsync());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_like_an_unknown_one()
    {
        var key = await Api.IssueIntegrationKeyAsync("revoked source");
        var listed = (await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().Single(i => i.GetProperty("name").GetString() == "revoked source");
        Assert.Equal(key[..8], listed.GetProperty("prefix").GetString());
        Assert.DoesNotContain(key, listed.ToString(), StringComparison.Ordinal);

        using (var revoke = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/integrations/{listed.GetProperty("id").GetGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        var (status, answer, response) = await Api.EnqueueAsync(Event(key, "trigger", summary: "after revocation"));
        response.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertInvalidEventBody(answer);
        Assert.NotEqual(JsonValueKind.Null, (await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "revoked source").GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task An_event_over_512_KB_gets_400_and_one_just_under_is_accepted()
    {
        var key = await Api.IssueIntegrationKeyAsync("big events");
        var before = await ReportCountAsync();
        string Sized(int bytes, string tag)
        {
            var head = Event(key, "trigger", $"big-{tag}", $"Big event {tag} {Guid.NewGuid():N}");
            var filler = new string('x', bytes - head.Length - 7);
            return head[..^1] + $",\"x\":\"{filler}\"}}";
        }

        var over = Sized((512 * 1024) + 10, "over");
        var under = Sized((512 * 1024) - 100, "under");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(over) > 512 * 1024);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(under) <= 512 * 1024);

        var (tooBig, answer, r1) = await Api.EnqueueAsync(over);
        r1.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, tooBig);
        AssertInvalidEventBody(answer);
        Assert.Equal(before, await ReportCountAsync());

        var (fits, accepted, r2) = await Api.EnqueueAsync(under);
        r2.Dispose();
        Assert.True(fits == HttpStatusCode.Accepted, accepted.ToString());
        Assert.Equal(before + 1, await ReportCountAsync());
    }

    [Fact]
    public async Task Over_the_rate_limit_one_key_gets_429_with_retry_after_and_other_keys_are_not_affected()
    {
        // The fixtures allow 20 events a minute per key (a bucket of 20, one more every 3 s); the default is 120, as at PagerDuty.
        var key = await Api.IssueIntegrationKeyAsync("chatty source");
        var other = await Api.IssueIntegrationKeyAsync("quiet source");
        var acknowledge = Event(key, "acknowledge", "nothing-open");

        var accepted = 0;
        (HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response) last;
        while (true)
        {
            last = await Api.EnqueueAsync(acknowledge);
            if (last.Status != HttpStatusCode.Accepted || accepted == 60)
            {
                break;
            }

            last.Response.Dispose();
            accepted++;
        }

        Assert.InRange(accepted, 20, 40);
        var (limited, answer, limitedResponse) = last;
        using (limitedResponse)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited);
            Assert.Equal("throttle event", answer.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(answer.GetProperty("message").GetString()));
            Assert.True(limitedResponse.Headers.RetryAfter?.Delta > TimeSpan.Zero, limitedResponse.Headers.ToString());
        }

        var (otherStatus, _, otherResponse) = await Api.EnqueueAsync(Event(other, "acknowledge", "nothing-open"));
        otherResponse.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, otherStatus);
    }

    [Fact]
    public async Task Trigger_repeat_acknowledge_resolve_follow_the_dedup_key_and_a_trigger_after_resolve_opens_a_new_incident()
    {
        var key = await Api.IssueIntegrationKeyAsync("web monitor", defaults: new { classification = "availability:outage", ownerAgency = "Sở TT&TT", tlp = "GREEN" });
        var title = $"Cổng dịch vụ công không phản hồi {Guid.NewGuid():N}";
        var host = $"portal-{Guid.NewGuid():N}.example.invalid";

        var (status, first, r) = await Api.EnqueueAsync(Event(key, "trigger", "portal-down", title, host));
        r.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("success", first.GetProperty("status").GetString());
        Assert.Equal("Event processed", first.GetProperty("message").GetString());
        Assert.Equal("portal-down", first.GetProperty("dedup_key").GetString());
        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "incident from the trigger"))[0];
        var detail = await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}");
        Assert.Equal("availability:outage", detail.GetProperty("classification").GetString());
        Assert.Equal("GREEN", detail.GetProperty("tlp").GetString());
        Assert.Equal(host, detail.GetProperty("affectedSystem").GetProperty("name").GetString());
        Assert.Equal("Sở TT&TT", detail.GetProperty("affectedSystem").GetProperty("ownerAgency").GetString());
        Assert.Equal("events-api", detail.GetProperty("reports")[0].GetProperty("channel").GetString());

        foreach (var action in new[] { "trigger", "acknowledge", "acknowledge" })
        {
            var (s, _, rr) = await Api.EnqueueAsync(Event(key, action, "portal-down", title, host));
            rr.Dispose();
            Assert.Equal(HttpStatusCode.Accepted, s);
        }

        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(incident),
            k => k.Contains("alert-repeated") && k.Count(x => x == "alert-acknowledged") == 1, TimeSpan.FromSeconds(30), "repeat and one acknowledgement on the timeline");
        var (resolved, _, r3) = await Api.EnqueueAsync(Event(key, "resolve", "portal-down"));
        r3.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, resolved);

        var closed = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1 && StatusOf(l[0]) == "closed", "incident closed by the resolve"))[0];
        Assert.Equal(1, closed.GetProperty("reportCount").GetInt32());
        Assert.Equal("resolved-at-source", (await Api.GetJsonAsync($"/api/v1/incidents/{closed.GetProperty("id").GetGuid()}")).GetProperty("resolution").GetString());
        Assert.Contains("alert-resolved", await Api.TimelineKindsAsync(closed));

        var (again, _, r4) = await Api.EnqueueAsync(Event(key, "trigger", "portal-down", title, host));
        r4.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, again);
        var both = await Api.WaitForIncidentsAsync(title, l => l.Count == 2, "a second incident for the trigger after the resolve");
        Assert.Single(both, i => StatusOf(i) == "closed");
        Assert.Single(both, i => StatusOf(i) != "closed");
    }

    [Fact]
    public async Task An_alert_in_a_maintenance_window_is_held_without_an_incident_and_still_firing_when_it_ends_opens_one()
    {
        var key = await Api.IssueIntegrationKeyAsync("portal monitor under maintenance", defaults: new { classification = "availability:outage", ownerAgency = "Sở TT&TT" });
        var integrationId = (await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray()
            .Single(i => i.GetProperty("name").GetString() == "portal monitor under maintenance").GetProperty("id").GetGuid();
        var now = TimeProvider.System.GetUtcNow();

        using (var bad = await Api.PostJsonAsync("/api/v1/maintenance-windows", new { integrationId = Guid.NewGuid(), endsAt = now.AddMinutes(-5), reason = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await ApiClient.ReadJsonAsync(bad)).GetProperty("errors");
            Assert.Equal(["endsAt", "integrationId", "reason"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        }

        using (var tooLong = await Api.PostJsonAsync("/api/v1/maintenance-windows", new { integrationId, endsAt = now.AddDays(8), reason = "Cả tuần" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.True((await ApiClient.ReadJsonAsync(tooLong)).GetProperty("errors").TryGetProperty("endsAt", out _));
        }

        using (var noOffset = await Api.PostJsonAsync("/api/v1/maintenance-windows", new { integrationId, endsAt = "2099-12-31T10:00", reason = "Giờ nào?" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noOffset.StatusCode); // read in the server's zone it would be hours off
            Assert.Contains("offset", (await ApiClient.ReadJsonAsync(noOffset)).GetProperty("errors").GetProperty("endsAt")[0].GetString(), StringComparison.Ordinal);
        }

        using (var forever = await Api.PostJsonAsync("/api/v1/maintenance-windows",
            new { integrationId, startsAt = now.AddDays(1), endsAt = now.AddDays(1).AddHours(4), reason = "Sao lưu", recurrence = "FREQ=WEEKLY" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forever.StatusCode); // a repeating silence must end
            Assert.Contains("COUNT", (await ApiClient.ReadJsonAsync(forever)).GetProperty("errors").GetProperty("recurrence")[0].GetString(), StringComparison.Ordinal);
        }

        using (var weekly = await Api.PostJsonAsync("/api/v1/maintenance-windows",
            new { integrationId, startsAt = now.AddDays(1), endsAt = now.AddDays(1).AddHours(4), reason = "Sao lưu hằng tuần", recurrence = "FREQ=WEEKLY;COUNT=4" }))
        {
            var series = await ApiClient.ReadJsonAsync(weekly);
            Assert.Equal(("FREQ=WEEKLY;COUNT=4", "planned"), (series.GetProperty("recurrence").GetString(), series.GetProperty("state").GetString()));
            Assert.Equal(series.GetProperty("endsAt").GetDateTimeOffset().AddDays(21), series.GetProperty("seriesEndsAt").GetDateTimeOffset());
            using var off = await Api.PostJsonAsync($"/api/v1/maintenance-windows/{series.GetProperty("id").GetGuid()}/end", new { });
            Assert.Equal("over", (await ApiClient.ReadJsonAsync(off)).GetProperty("state").GetString());
        }

        // A window planned for tomorrow, called off: over at once, and calling it off again is a conflict.
        using (var planned = await Api.PostJsonAsync("/api/v1/maintenance-windows",
            new { integrationId, startsAt = now.AddDays(1), endsAt = now.AddDays(1).AddHours(2), reason = "Kế hoạch bị hủy" }))
        {
            var plannedWindow = await ApiClient.ReadJsonAsync(planned);
            Assert.Equal("planned", plannedWindow.GetProperty("state").GetString());
            using var callOff = await Api.PostJsonAsync($"/api/v1/maintenance-windows/{plannedWindow.GetProperty("id").GetGuid()}/end", new { });
            Assert.Equal("over", (await ApiClient.ReadJsonAsync(callOff)).GetProperty("state").GetString());
            using var twice = await Api.PostJsonAsync($"/api/v1/maintenance-windows/{plannedWindow.GetProperty("id").GetGuid()}/end", new { });
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using var created = await Api.PostJsonAsync("/api/v1/maintenance-windows", new { integrationId, endsAt = now.AddHours(1), reason = "Nâng cấp máy chủ cổng" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var window = await ApiClient.ReadJsonAsync(created);
        Assert.Equal(("active", "portal monitor under maintenance"), (window.GetProperty("state").GetString(), window.GetProperty("integrationName").GetString()));
        var windowId = window.GetProperty("id").GetGuid();

        var title = $"Cổng dịch vụ công ngừng khi bảo trì {Guid.NewGuid():N}";
        var (status, _, r) = await Api.EnqueueAsync(Event(key, "trigger", "portal-maintenance", title));
        r.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);
        var held = (await Api.GetJsonAsync("/api/v1/reports/held")).EnumerateArray().Single(h => h.GetProperty("title").GetString() == title);
        Assert.Contains("Nâng cấp máy chủ cổng", held.GetProperty("holdReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await Api.GetJsonAsync("/api/v1/maintenance-windows")).EnumerateArray()
            .Single(w => w.GetProperty("id").GetGuid() == windowId).GetProperty("heldAlerts").GetInt32());
        var (repeat, _, r2) = await Api.EnqueueAsync(Event(key, "trigger", "portal-maintenance", title));
        r2.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, repeat);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // three looks of the release, which must not take it
        Assert.Empty(await Api.IncidentsTitledAsync(title));

        using (var ended = await Api.PostJsonAsync($"/api/v1/maintenance-windows/{windowId}/end", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.Equal("over", (await ApiClient.ReadJsonAsync(ended)).GetProperty("state").GetString());
        }

        using (var again = await Api.PostJsonAsync($"/api/v1/maintenance-windows/{windowId}/end", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // Still firing after the window: released to triage, detected when it first came, and it engages units as any alert.
        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "the incident of the alert released after the window"))[0];
        var report = await Api.GetJsonAsync($"/api/v1/reports/{held.GetProperty("reportId").GetGuid()}");
        Assert.Equal(held.GetProperty("receivedAt").GetDateTimeOffset(), report.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Contains("bảo trì", report.GetProperty("reviewNote").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Api.GetJsonAsync("/api/v1/reports/held")).EnumerateArray(), h => h.GetProperty("title").GetString() == title);
        await Api.WaitUntilNotifiedAsync(incident.GetProperty("id").GetGuid());
        var audit = (await Api.GetJsonAsync($"/api/v1/audit?subject=maintenance-window:{windowId:N}")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("action").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["maintenance.created", "maintenance.ended"], audit);
    }

    [Fact]
    public async Task An_alert_carries_the_watched_systems_level_and_provider_so_routing_engages_the_provider()
    {
        // Domain audit row 58: alerts carried no security level, ISP or owner capacity, so they never reached the ISP.
        var key = await Api.IssueIntegrationKeyAsync("VNPT-hosted portal monitor",
            defaults: new { classification = "availability:outage", ownerAgency = "Sở TT&TT", securityLevel = 4, isp = "VNPT", ownerCanHandle = false });
        var title = $"Cổng dịch vụ công cấp độ 4 không phản hồi {Guid.NewGuid():N}";
        var (status, _, response) = await Api.EnqueueAsync(Event(key, "trigger", "portal-level4", title, $"portal-{Guid.NewGuid():N}.example.invalid"));
        response.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);

        var id = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "the incident of the alert"))[0].GetProperty("id").GetGuid();
        var system = (await Api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("affectedSystem");
        Assert.Equal((4, "VNPT"), (system.GetProperty("securityLevel").GetInt32(), system.GetProperty("isp").GetString()));
        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"),
            e => e.EnumerateArray().Any(x => x.GetProperty("unit").GetString() == "vnpt-bn" && x.GetProperty("ruleId").GetString() == "isp-availability-intrusion"),
            TimeSpan.FromSeconds(30), "the system's provider engaged by the ISP rule");

        using var refused = await Api.PostJsonAsync("/api/v1/integrations", new { name = "bad level", securityLevel = 9, isp = new string('x', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ApiClient.ReadJsonAsync(refused)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("securityLevel", out _) && errors.TryGetProperty("isp", out _), errors.GetRawText());
    }

    [Fact]
    public async Task A_source_firing_again_and_again_writes_its_first_repeat_and_counts_the_rest_on_the_resolve()
    {
        var key = await Api.IssueIntegrationKeyAsync("flapping monitor");
        var title = $"Máy chủ thư điện tử chập chờn {Guid.NewGuid():N}";
        var host = $"mail-{Guid.NewGuid():N}.example.invalid";
        for (var i = 0; i < 11; i++)
        {
            var (s, _, r) = await Api.EnqueueAsync(Event(key, "trigger", "mail-flapping", title, host));
            r.Dispose();
            Assert.Equal(HttpStatusCode.Accepted, s);
        }

        var (resolved, _, r2) = await Api.EnqueueAsync(Event(key, "resolve", "mail-flapping"));
        r2.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, resolved);

        // Within Intake:Machine:RepeatNoticeEvery (15 min) only the first repeat has an entry; the resolve counts the others.
        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "the incident of the first trigger"))[0];
        var timeline = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "alert-resolved") && t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "alert-repeated"),
            TimeSpan.FromSeconds(30), "the repeat and the resolve on the timeline (in either order: a repeat may wait for its incident)");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // room for a repeat entry too many to land
        timeline = await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/timeline");
        var repeats = timeline.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "alert-repeated").ToList();
        Assert.Single(repeats);
        Assert.Contains("(trigger 2)", repeats[0].GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.Contains("(lần thứ 2)", repeats[0].GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        var resolve = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "alert-resolved");
        Assert.Contains("9 more repeats not listed; 11 triggers in all", resolve.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.Contains("thêm 9 lần báo lại chưa ghi; tổng 11 lần", resolve.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolve_leaves_an_incident_declared_serious_open_for_a_person_to_close()
    {
        var key = await Api.IssueIntegrationKeyAsync("serious source");
        var title = $"Hệ thống điều hành tác nghiệp ngừng {Guid.NewGuid():N}";
        var (status, _, r) = await Api.EnqueueAsync(Event(key, "trigger", "ops-down", title, $"ops-{Guid.NewGuid():N}.example.invalid"));
        r.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);
        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "incident from the trigger"))[0];
        var id = incident.GetProperty("id").GetGuid();
        using (var declared = await Api.PostJsonAsync($"/api/v1/incidents/{id}/severity", new { level = 4, serious = true, reason = "Chủ quản không tự xử lý được" }))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        var (resolved, _, r2) = await Api.EnqueueAsync(Event(key, "resolve", "ops-down"));
        r2.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, resolved);

        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(incident), k => k.Contains("alert-resolved"), TimeSpan.FromSeconds(30), "the resolve on the timeline");
        var detail = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.NotEqual("closed", detail.GetProperty("status").GetProperty("value").GetString());
        Assert.Null(detail.GetProperty("closedAt").GetString());
    }

    [Theory]
    [InlineData("2009-06-01T00:00:00Z")] // before the first legal regime: triage could not open it, and announced it again forever
    [InlineData("2026-01-01T00:00:00+07:00")] // months back: every duty would start long overdue
    public async Task An_alert_with_a_time_far_in_the_past_opens_an_incident_detected_no_earlier_than_the_look_back(string timestamp)
    {
        var key = await Api.IssueIntegrationKeyAsync("replaying source");
        var title = $"Replayed alarm {Guid.NewGuid():N}";
        var sent = TimeProvider.System.GetUtcNow();

        var (status, _, r) = await Api.EnqueueAsync(JsonSerializer.Serialize(new
        {
            routing_key = key, event_action = "trigger", dedup_key = $"old-{Guid.NewGuid():N}",
            payload = new { summary = title, source = $"gw-{Guid.NewGuid():N}", severity = "critical", timestamp },
        }));
        r.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);

        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "an incident opened from the replayed alert", TimeSpan.FromSeconds(60)))[0];
        var detail = await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}");
        var detectedAt = detail.GetProperty("detectedAt").GetDateTimeOffset();
        Assert.InRange(detectedAt, sent.AddDays(-30).AddMinutes(-1), TimeProvider.System.GetUtcNow().AddDays(-30).AddMinutes(1));
    }

    [Fact]
    public async Task A_trigger_without_dedup_key_gets_a_generated_one_that_resolves_it()
    {
        var key = await Api.IssueIntegrationKeyAsync("no-dedup source");
        var title = $"Disk full {Guid.NewGuid():N}";

        var (status, answer, r) = await Api.EnqueueAsync(Event(key, "trigger", null, title, $"db-{Guid.NewGuid():N}", "warning"));
        r.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);
        var dedup = answer.GetProperty("dedup_key").GetString();
        Assert.False(string.IsNullOrWhiteSpace(dedup));

        var (resolved, _, r2) = await Api.EnqueueAsync(Event(key, "resolve", dedup));
        r2.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, resolved);
        await Api.WaitForIncidentsAsync(title, l => l.Count == 1 && StatusOf(l[0]) == "closed", "incident closed by the generated key");
    }

    [Fact]
    public async Task An_integration_configured_to_annotate_leaves_the_incident_open_and_notes_the_recovery()
    {
        var key = await Api.IssueIntegrationKeyAsync("annotating source", defaults: new { onResolve = "annotate" });
        var title = $"Packet loss {Guid.NewGuid():N}";

        (await Api.EnqueueAsync(Event(key, "trigger", "loss", title, $"router-{Guid.NewGuid():N}"))).Response.Dispose();
        var incident = (await Api.WaitForIncidentsAsync(title, l => l.Count == 1, "incident"))[0];
        (await Api.EnqueueAsync(Event(key, "resolve", "loss"))).Response.Dispose();

        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(incident), k => k.Contains("alert-resolved"), TimeSpan.FromSeconds(30), "recovery on the timeline");
        Assert.NotEqual("closed", StatusOf((await Api.IncidentsTitledAsync(title)).Single()));
    }

    [Fact]
    public async Task Integrations_are_administered_by_coordinators_only_and_bad_defaults_name_the_field()
    {
        var key = await Api.IssueIntegrationKeyAsync("not an administrator");
        using var forbidden = await Api.WithKey(key).PostJsonAsync("/api/v1/integrations", new { name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var bad = await Api.PostJsonAsync("/api/v1/integrations",
            new { name = "bad", kind = "carrier-pigeon", classification = "nope", severityMap = new { critical = new { functional = "huge" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ApiClient.ReadJsonAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("classification", out _));
        Assert.True(errors.TryGetProperty("severityMap.critical.functional", out _));
    }

    private static void AssertInvalidEventBody(JsonElement answer)
    {
        Assert.Equal("invalid event", answer.GetProperty("status").GetString());
        Assert.Equal("Event object is invalid", answer.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("errors").ValueKind);
        Assert.NotEqual(0, answer.GetProperty("errors").GetArrayLength());
    }

    private async Task<int> ReportCountAsync()
    {
        using var scope = fixture.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.CountAsync();
    }
}

public sealed class EventsApiOnEmbeddedDefault(EmbeddedHostFixture fixture) : EventsApiBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class EventsApiOnRabbitMqAndPostgres(DistributedHostFixture fixture) : EventsApiBehaviour(fixture), IClassFixture<DistributedHostFixture>;
