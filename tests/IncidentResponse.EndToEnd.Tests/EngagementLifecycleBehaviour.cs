using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// A unit's engagement through its milestones over the API of a real Host: acknowledged, accepted,
/// declined (handed to the standing office), resolved; a responder key acts for its own unit only;
/// an SMS reply with the code, relayed by the SMS gateway, acknowledges; every milestone lands on the incident's timeline.
/// </summary>
public abstract class EngagementLifecycleBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private static Guid IdOf(JsonElement engagements, string unit) =>
        engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == unit).GetProperty("id").GetGuid();

    private async Task<(Guid Incident, JsonElement Engagements)> SeriousIncidentAsync(string name)
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique(name))));
        var id = incident.GetProperty("id").GetGuid();
        return (id, await Api.WaitUntilNotifiedAsync(id, units: 5));
    }

    private async Task<ApiClient> KeyAsync(string role, string? unit = null)
    {
        using var issued = await Api.PostJsonAsync("/api/v1/api-keys", new { name = Unique(role), role, unit });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return Api.WithKey((await ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString());
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ApiClient.ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await ApiClient.ReadJsonAsync(response);
    }

    [Fact]
    public async Task A_unit_acknowledges_accepts_and_resolves_and_each_milestone_is_on_the_timeline()
    {
        var (incident, engagements) = await SeriousIncidentAsync("Cổng tiếp nhận");
        var vnpt = IdOf(engagements, "vnpt-bn");

        using (var ack = await Api.PostJsonAsync($"/api/v1/engagements/{vnpt}/acknowledge", new { }))
        {
            Assert.Equal("acknowledged", (await OkAsync(ack)).GetProperty("state").GetString());
        }

        using (var again = await Api.PostJsonAsync($"/api/v1/engagements/{vnpt}/acknowledge", new { }))
        {
            Assert.Equal("acknowledged", (await OkAsync(again)).GetProperty("state").GetString());
        }

        using (var accept = await Api.PostJsonAsync($"/api/v1/engagements/{vnpt}/accept", new { }))
        {
            Assert.Equal("accepted", (await OkAsync(accept)).GetProperty("state").GetString());
        }

        using (var resolve = await Api.PostJsonAsync($"/api/v1/engagements/{vnpt}/resolve", new { summary = "Đã lọc lưu lượng tấn công tại biên" }))
        {
            var resolved = await OkAsync(resolve);
            Assert.Equal(("resolved", "Đã lọc lưu lượng tấn công tại biên"), (resolved.GetProperty("state").GetString(), resolved.GetProperty("resolutionSummary").GetString()));
        }

        using (var late = await Api.PostJsonAsync($"/api/v1/engagements/{vnpt}/decline", new { reason = "muộn" }))
        {
            await ProblemAsync(late, HttpStatusCode.Conflict);
        }

        var detail = await Api.GetJsonAsync($"/api/v1/engagements/{vnpt}");
        Assert.Equal("resolved", detail.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("acceptedAt").ValueKind);
        var listed = (await Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements")).EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "vnpt-bn");
        Assert.Equal("resolved", listed.GetProperty("state").GetString());

        var timeline = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline"),
            t => Count(t, "unit-acknowledged") == 1 && Count(t, "unit-accepted") == 1 && Count(t, "unit-resolved") == 1,
            what: "acknowledged, accepted and resolved once each on the timeline");
        Assert.Contains("Đã lọc lưu lượng tấn công tại biên", Entry(timeline, "unit-resolved").GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        // People read the unit's name from the directory, not its code (the code stays in the entry's data).
        Assert.StartsWith("Đơn vị Viễn thông Bắc Ninh (VNPT Bắc Ninh) xác nhận đã nhận thông báo", Entry(timeline, "unit-acknowledged").GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Đơn vị Viễn thông Bắc Ninh (VNPT Bắc Ninh) nhận xử lý", Entry(timeline, "unit-accepted").GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Unit VNPT Bắc Ninh (telecom operator) resolved its part", Entry(timeline, "unit-resolved").GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.Equal("vnpt-bn", Entry(timeline, "unit-resolved").GetProperty("data").GetProperty("unit").GetString());
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_decline_needs_a_reason_and_hands_the_incident_to_the_standing_office()
    {
        var (incident, engagements) = await SeriousIncidentAsync("Cổng từ chối");
        var police = IdOf(engagements, "pa05-bn");

        using (var bare = await Api.PostJsonAsync($"/api/v1/engagements/{police}/decline", new { }))
        {
            Assert.True((await ProblemAsync(bare, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        }

        using (var declined = await Api.PostJsonAsync($"/api/v1/engagements/{police}/decline", new { reason = "Không có dấu hiệu tội phạm" }))
        {
            var body = await OkAsync(declined);
            Assert.Equal(("declined", "bcd-bn"), (body.GetProperty("state").GetString(), body.GetProperty("handedTo").GetString()));
        }

        using (var accept = await Api.PostJsonAsync($"/api/v1/engagements/{police}/accept", new { }))
        {
            await ProblemAsync(accept, HttpStatusCode.Conflict);
        }

        var committee = (await Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements")).EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "bcd-bn");
        Assert.Equal(2, committee.GetProperty("deliveries").GetArrayLength()); // engaged by routing, then told of the decline
        var timeline = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline"), t => Count(t, "unit-declined") == 1,
            what: "the decline on the timeline");
        var entry = Entry(timeline, "unit-declined");
        Assert.Contains("Không có dấu hiệu tội phạm", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Contains("Handed to Bắc Ninh Steering Committee for emergency response to cyber security incidents", entry.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Đơn vị Công an tỉnh Bắc Ninh – Phòng An ninh mạng", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Equal("bcd-bn", entry.GetProperty("data").GetProperty("handedTo").GetString());
    }

    [Fact]
    public async Task A_unit_engaged_by_hand_is_notified_escalated_and_named_on_the_timeline_once()
    {
        var (incident, engagements) = await SeriousIncidentAsync("Cổng phân công");
        Assert.DoesNotContain(engagements.EnumerateArray(), e => e.GetProperty("unit").GetString() == "stc-bn");
        const string reason = "Hệ thống thanh toán của Sở Tài chính dùng chung máy chủ bị tấn công";
        foreach (var (body, field) in new[] { ((object)new { unit = "stc-bn" }, "reason"), (new { reason }, "unit"), (new { unit = "khong-co-don-vi", reason }, "unit") })
        {
            using var refused = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/engagements", body);
            Assert.True((await ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        using (var unknown = await Api.PostJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/engagements", new { unit = "stc-bn", reason }))
        {
            await ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        var viewer = await KeyAsync("viewer");
        using (var byViewer = await viewer.PostJsonAsync($"/api/v1/incidents/{incident}/engagements", new { unit = "stc-bn", reason }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        }

        Guid engaged;
        using (var created = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/engagements", new { unit = "stc-bn", reason }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            var body = await ApiClient.ReadJsonAsync(created);
            engaged = body.GetProperty("id").GetGuid();
            Assert.Equal($"/api/v1/engagements/{engaged}", created.Headers.Location?.OriginalString);
            Assert.Equal(("stc-bn", "manual", "notified", reason), (body.GetProperty("unit").GetString(), body.GetProperty("ruleId").GetString(),
                body.GetProperty("state").GetString(), body.GetProperty("engagedReason").GetString()));
            Assert.False(string.IsNullOrEmpty(body.GetProperty("engagedBy").GetString()));
        }

        using (var again = await Api.PostJsonAsync($"/api/v1/incidents/{incident}/engagements", new { unit = "stc-bn", reason = "lần nữa" }))
        {
            var body = await OkAsync(again);
            Assert.Equal((engaged, reason), (body.GetProperty("id").GetGuid(), body.GetProperty("engagedReason").GetString()));
        }

        // Escalation holds the unit's chain, as for a unit routing engaged; its duty point is sent the notice.
        var chain = await Eventually.MatchesAsync(async () =>
        {
            using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{engaged}/escalation");
            return response.StatusCode == HttpStatusCode.OK ? (await ApiClient.ReadJsonAsync(response)).GetProperty("state").GetString() : null;
        }, state => state == "active", what: "the chain of the unit engaged by hand");
        Assert.Equal("active", chain);
        var delivered = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements"),
            all => all.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == engaged).GetProperty("deliveries").EnumerateArray()
                .Any(d => d.GetProperty("status").GetString() == "delivered"),
            what: "the notice to the unit engaged by hand delivered");
        Assert.Single(delivered.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == engaged).GetProperty("deliveries").EnumerateArray(),
            d => d.GetProperty("origin").GetString() == "engagement");

        var timeline = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "unit-engaged" && e.GetProperty("data").GetProperty("unit").GetString() == "stc-bn"),
            what: "the unit engaged by hand on the timeline");
        var entry = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "unit-engaged" && e.GetProperty("data").GetProperty("unit").GetString() == "stc-bn");
        Assert.StartsWith("Phân công đơn vị Sở Tài chính tỉnh Bắc Ninh theo quyết định của ", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"; lý do: {reason}", entry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        Assert.Equal(reason, entry.GetProperty("data").GetProperty("reason").GetString());
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_responder_acts_for_its_own_unit_only_and_a_viewer_may_only_read()
    {
        var (_, engagements) = await SeriousIncidentAsync("Cổng phân quyền");
        var department = IdOf(engagements, "skhcn-bn");
        var vnpt = IdOf(engagements, "vnpt-bn");
        using (var noUnit = await Api.PostJsonAsync("/api/v1/api-keys", new { name = Unique("responder"), role = "responder" }))
        {
            Assert.True((await ProblemAsync(noUnit, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("unit", out _));
        }

        var responder = await KeyAsync("responder", "skhcn-bn");
        var viewer = await KeyAsync("viewer");

        Assert.Equal("skhcn-bn", (await responder.GetJsonAsync($"/api/v1/engagements/{department}")).GetProperty("unit").GetString());
        using (var other = await responder.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{vnpt}"))
        {
            await ProblemAsync(other, HttpStatusCode.NotFound);
        }

        using (var otherAccept = await responder.PostJsonAsync($"/api/v1/engagements/{vnpt}/accept", new { }))
        {
            await ProblemAsync(otherAccept, HttpStatusCode.NotFound);
        }

        using (var viewerAccept = await viewer.PostJsonAsync($"/api/v1/engagements/{department}/accept", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerAccept.StatusCode);
        }

        Assert.Equal("notified", (await viewer.GetJsonAsync($"/api/v1/engagements/{department}")).GetProperty("state").GetString());
        using (var accept = await responder.PostJsonAsync($"/api/v1/engagements/{department}/accept", new { }))
        {
            var accepted = await OkAsync(accept);
            Assert.Equal("accepted", accepted.GetProperty("state").GetString());
            Assert.Equal("api", accepted.GetProperty("acknowledgedVia").GetString());
        }

        Assert.Equal("notified", (await Api.GetJsonAsync($"/api/v1/engagements/{vnpt}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_SMS_reply_with_the_code_from_the_right_phone_acknowledges_and_anything_else_changes_nothing()
    {
        var (incident, engagements) = await SeriousIncidentAsync("Cổng tin nhắn");
        var committee = engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "bcd-bn");
        var delivery = committee.GetProperty("deliveries").EnumerateArray().First();
        var code = (await Api.GetJsonAsync($"/api/v1/deliveries/{delivery.GetProperty("id").GetGuid()}")).GetProperty("acknowledgeCode").GetString()!;
        var gateway = await KeyAsync("sms-gateway");

        using (var stranger = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "+84911111111", text = $"OK {code}" }))
        {
            await ProblemAsync(stranger, HttpStatusCode.NotFound); // the same answer as an unknown code: no oracle
        }

        using (var unknown = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000101", text = "OK ZZZZ2345" }))
        {
            await ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var operatorKey = await Api.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000101", text = $"OK {code}" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, operatorKey.StatusCode);
        }

        Assert.Equal("notified", (await Api.GetJsonAsync($"/api/v1/engagements/{committee.GetProperty("id").GetGuid()}")).GetProperty("state").GetString());

        using (var reply = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "0900000101", text = $"da nhan, ma {code.ToLowerInvariant()}" }))
        {
            Assert.Equal("acknowledged", (await OkAsync(reply)).GetProperty("result").GetString());
        }

        var engagement = await Api.GetJsonAsync($"/api/v1/engagements/{committee.GetProperty("id").GetGuid()}");
        Assert.Equal(("acknowledged", "sms"), (engagement.GetProperty("state").GetString(), engagement.GetProperty("acknowledgedVia").GetString()));
        using (var twice = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "+84900000101", text = code }))
        {
            await ProblemAsync(twice, HttpStatusCode.NotFound); // the code died with the acknowledgement
        }

        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "unit-acknowledged" && e.GetProperty("summaryEn").GetString()!.Contains("sms", StringComparison.Ordinal)),
            what: "the SMS acknowledgement on the timeline");
    }

    [Fact]
    public async Task Reads_of_several_incidents_at_once_answer_each_incident_as_its_own_read_does()
    {
        var (first, firstEngaged) = await SeriousIncidentAsync("Đọc nhiều sự cố");
        var (second, engaged) = await SeriousIncidentAsync("Đọc nhiều sự cố");
        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/escalation/chains?incident={first}&incident={second}"),
            c => c.GetArrayLength() >= firstEngaged.GetArrayLength() + engaged.GetArrayLength(), what: "the escalation chain of every engaged unit of both");
        var both = $"incident={first}&incident={second},{first}"; // a repeat, and the comma form

        var engagements = await Api.GetJsonAsync($"/api/v1/engagements?{both}");
        Assert.Equal([first, second], engagements.EnumerateArray().Select(e => e.GetProperty("incidentId").GetGuid()));
        var clocks = await Api.GetJsonAsync($"/api/v1/deadline-clocks?{both}");
        Assert.Equal([first, second], clocks.EnumerateArray().Select(e => e.GetProperty("incidentId").GetGuid()));
        var chains = await Api.GetJsonAsync($"/api/v1/escalation/chains?{both}");
        foreach (var (incident, index) in new[] { (first, 0), (second, 1) })
        {
            var own = await Api.GetJsonAsync($"/api/v1/incidents/{incident}/engagements");
            Assert.Equal(Ids(own), Ids(engagements[index].GetProperty("engagements")));
            Assert.Equal(Units(own), engagements[index].GetProperty("engagements").EnumerateArray().Select(e => e.GetProperty("unit").GetString()!));
            var ownClocks = await Api.GetJsonAsync($"/api/v1/incidents/{incident}/deadline-clocks");
            Assert.NotEqual(0, ownClocks.GetArrayLength());
            Assert.Equal(Deadlines(ownClocks), Deadlines(clocks[index].GetProperty("clocks")));

            // Each engagement's chain is in the read of several, as its own read shows it.
            foreach (var engagement in Ids(own))
            {
                var chain = await Api.GetJsonAsync($"/api/v1/engagements/{engagement}/escalation");
                var listed = chains.EnumerateArray().Single(c => c.GetProperty("engagementId").GetGuid() == engagement);
                Assert.Equal((incident, chain.GetProperty("unit").GetString(), chain.GetProperty("policyId").GetString()),
                    (listed.GetProperty("incidentId").GetGuid(), listed.GetProperty("unit").GetString(), listed.GetProperty("policyId").GetString()));
            }
        }

        Assert.All(chains.EnumerateArray(), c => Assert.Contains(c.GetProperty("incidentId").GetGuid(), new[] { first, second }));
        foreach (var path in new[] { "/api/v1/engagements", "/api/v1/deadline-clocks?incident=", "/api/v1/escalation/chains?incident=khong-phai-ma",
            "/api/v1/engagements?" + string.Join('&', Enumerable.Range(0, 101).Select(_ => $"incident={Guid.NewGuid()}")) })
        {
            using var refused = await Api.SendAsync(HttpMethod.Get, path);
            Assert.True((await ProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("incident", out _), path);
        }
    }

    private static List<Guid> Ids(JsonElement engagements) => [.. engagements.EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];

    private static IEnumerable<string> Units(JsonElement engagements) => engagements.EnumerateArray().Select(e => e.GetProperty("unit").GetString()!);

    private static List<string> Deadlines(JsonElement clocks) =>
        [.. clocks.EnumerateArray().Select(c => $"{c.GetProperty("deadlineId").GetString()} {c.GetProperty("dueAt").GetDateTimeOffset():O} {c.GetProperty("state").GetString()}")];

    private static int Count(JsonElement timeline, string kind) => timeline.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == kind);

    private static JsonElement Entry(JsonElement timeline, string kind) => timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == kind);
}

public sealed class EngagementLifecycleOnEmbeddedDefault(EmbeddedWithPartnersFixture fixture) : EngagementLifecycleBehaviour(fixture), IClassFixture<EmbeddedWithPartnersFixture>;

public sealed class EngagementLifecycleOnRabbitMqAndPostgres(DistributedWithPartnersFixture fixture) : EngagementLifecycleBehaviour(fixture), IClassFixture<DistributedWithPartnersFixture>;
