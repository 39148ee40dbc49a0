using System.Net;
using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// Routing engages the responsible units and every notification is delivered through a real SMTP
/// server or the SMS gateway, with each attempt on record; failures are visible and can be resent.
/// Runs on both deployments.
/// </summary>
public abstract class NotificationBehaviour(HostFixture fixture)
{
    private const string VnptMailbox = "soc@vnpt-bacninh.example.invalid";
    private const string PoliceMailbox = "trucban@pa05.congan.bacninh.example.invalid";
    private const string CommitteeMailbox = "thuongtruc@bcd.bacninh.example.invalid";
    private const string CoordinatorMailbox = "ir@vncert.example.invalid";
    private const string ViettelMailbox = "noc@viettel-bacninh.example.invalid";
    private const string OwnerMailbox = "attt@vpubnd.bacninh.example.invalid";
    private const string DepartmentMailbox = "attt@skhcn.bacninh.example.invalid";
    private const string NationalStandingBodyMailbox = "thuongtruc@ungcuu-quocgia.example.invalid";
    private const string NationalCommitteeMailbox = "vanphong@bcd-quocgia.example.invalid";

    /// <summary>
    /// What routing 2026.3 (the report chain of QĐ 05/2017 Điều 11.5) engages for <see cref="SampleReports.Ddos"/> as filed:
    /// a DDoS on a system of Văn phòng UBND tỉnh hosted by VNPT, severity 4 and serious: each unit with the first rule naming it.
    /// </summary>
    private static readonly Dictionary<string, string> SeriousDdosRouting = new(StringComparer.Ordinal)
    {
        ["vp-ubnd-bn"] = "owner-of-the-system",
        ["pa05-bn"] = "chain-operator-report",
        ["vncert"] = "chain-operator-report",
        ["vnpt-bn"] = "isp-availability-intrusion",
        ["bcd-bn"] = "chain-serious",
        ["thuongtruc-qg"] = "chain-committee-to-national",
        ["bcd-qg"] = "chain-committee-to-national",
        ["skhcn-bn"] = "department-government-systems",
    };

    /// <summary>Each unit of <see cref="SeriousDdosRouting"/> and its duty point's mailbox (directory 2026.2).</summary>
    private static readonly Dictionary<string, string> Mailboxes = new(StringComparer.Ordinal)
    {
        ["vp-ubnd-bn"] = OwnerMailbox,
        ["pa05-bn"] = PoliceMailbox,
        ["vncert"] = CoordinatorMailbox,
        ["vnpt-bn"] = VnptMailbox,
        ["bcd-bn"] = CommitteeMailbox,
        ["thuongtruc-qg"] = NationalStandingBodyMailbox,
        ["bcd-qg"] = NationalCommitteeMailbox,
        ["skhcn-bn"] = DepartmentMailbox,
    };

    private ApiClient Api => fixture.Api;

    private PartnerServers Partners => ((IPartnersFixture)fixture).Partners;

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task A_serious_DDoS_on_a_VNPT_hosted_system_is_mailed_to_VNPT_the_police_and_the_committee_with_proof_of_delivery()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng dịch vụ công"), tlp: "GREEN")));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;

        var engagements = await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);

        // The report chain: the owner, the specialised unit (PA05) and the national coordinator, the ISP, the provincial
        // committee and, through it, the national standing body and Steering Committee; and the department (level 3+).
        var units = engagements.EnumerateArray().ToDictionary(e => e.GetProperty("unit").GetString()!, e => e);
        Assert.Equal(SeriousDdosRouting.OrderBy(r => r.Key, StringComparer.Ordinal),
            units.Select(u => KeyValuePair.Create(u.Key, u.Value.GetProperty("ruleId").GetString()!)).OrderBy(r => r.Key, StringComparer.Ordinal));
        foreach (var delivery in units.Values.Select(u => Assert.Single(u.GetProperty("deliveries").EnumerateArray())))
        {
            Assert.Equal("delivered", delivery.GetProperty("status").GetString());
            Assert.Equal("email", delivery.GetProperty("deliveredChannel").GetString());
            var detail = await Api.GetJsonAsync($"/api/v1/deliveries/{delivery.GetProperty("id").GetGuid()}");
            var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
            Assert.Equal("Delivered", attempt.GetProperty("outcome").GetString());
            Assert.False(string.IsNullOrWhiteSpace(attempt.GetProperty("providerResponse").GetString()));
        }

        // The incident page reads its latest deliveries in one call: each as its own read answers it, in the order asked,
        // a repeat once and an id that names nothing left out.
        var ids = units.Values.Select(u => u.GetProperty("deliveries")[0].GetProperty("id").GetGuid()).ToList();
        var several = await Api.GetJsonAsync($"/api/v1/deliveries/details?delivery={ids[0]}&{string.Join('&', ids.Select(d => $"delivery={d}"))}&delivery={Guid.NewGuid()}");
        Assert.Equal(ids.Count, several.GetArrayLength());
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal((await Api.GetJsonAsync($"/api/v1/deliveries/{ids[i]}")).GetRawText(), several[i].GetRawText());
        }

        foreach (var query in new[] { "", "?delivery=", "?delivery=khong-phai-ma", "?" + string.Join('&', Enumerable.Range(0, 101).Select(_ => $"delivery={Guid.NewGuid()}")) })
        {
            using var refused = await Api.SendAsync(HttpMethod.Get, "/api/v1/deliveries/details" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ApiClient.ReadJsonAsync(refused)).GetProperty("errors").TryGetProperty("delivery", out _), query);
        }

        // One notice per engaged unit, at its duty point, and no other mail than the deadline alerts: the legal initial report
        // along the report chain, the engagement notice (marked serious) to the ISP and the department (routing 2026.3).
        var mails = await NoticesAboutAsync(id, number);
        Assert.Equal(SeriousDdosRouting.Count, mails.Count);
        Assert.Equal(Mailboxes.Values.Order(StringComparer.Ordinal), mails.Select(To).Order(StringComparer.Ordinal));
        foreach (var mail in mails)
        {
            var chain = To(mail) != Mailboxes["vnpt-bn"] && To(mail) != Mailboxes["skhcn-bn"];
            Assert.StartsWith((chain ? "[TBSC] " : "") + "[TLP:GREEN] " + number, mail.Subject, StringComparison.Ordinal);
            Assert.Equal(chain, mail.TextBody!.Contains("BÁO CÁO BAN ĐẦU", StringComparison.Ordinal));
            Assert.Contains("Cổng dịch vụ công", mail.Subject, StringComparison.Ordinal);
            Assert.Contains("SỰ CỐ NGHIÊM TRỌNG", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("/ack/", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("/ack/", mail.HtmlBody, StringComparison.Ordinal);
            // The committee's hotline (Committee:Hotline), in both languages and in both bodies.
            Assert.Contains($"Đường dây nóng 24/7 của Ban Chỉ đạo: {HostFixture.Hotline}", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"The committee's 24/7 hotline: {HostFixture.Hotline}", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(HostFixture.Hotline, mail.HtmlBody, StringComparison.Ordinal);
        }

        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        Assert.Equal(SeriousDdosRouting.Count, Count(timeline, "unit-engaged"));
        var notices = engagements.EnumerateArray().Select(e => e.GetProperty("deliveries")[0].GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(SeriousDdosRouting.Count, timeline.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "notification-delivered"
            && notices.Contains(e.GetProperty("data").GetProperty("notificationId").GetGuid())));
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_legal_initial_report_is_answered_with_one_receipt_to_its_reporter_naming_the_incident_and_an_ordinary_one_with_none()
    {
        // QĐ 05 Điều 12: the committee confirms a report it receives. The "[TBSC]" report gets a receipt; the next report of
        // the same incident, an ordinary one from the same reporter, does not (Triage:Receipts = legal, the default).
        var system = Unique("Cổng tiếp nhận hồ sơ");
        var legal = JsonSerializer.SerializeToNode(SampleReports.Ddos(system, tlp: "GREEN"))!.AsObject();
        legal["title"] = $"[TBSC] DDoS vào {system}";
        legal["legalInitialReport"] = true;
        var reportId = await Api.SubmitReportAsync(legal);
        var incident = await Api.IncidentOfReportAsync(reportId);
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        var ordinary = await Api.SubmitReportAsync(SampleReports.Ddos(system, tlp: "GREEN"));
        Assert.Equal(id, (await Api.WaitUntilTriagedAsync(ordinary)).GetProperty("incidentId").GetGuid());

        var receipt = Assert.Single(await Eventually.MatchesAsync(() => Task.FromResult(Receipts(number)), r => r.Count > 0, what: "the receipt"));
        Assert.Equal(reportId.ToString("D"), receipt.Headers["X-IR-Report-Id"]);
        Assert.Equal("a@example.invalid", To(receipt));
        Assert.Equal($"[TLP:GREEN] Xác nhận đã nhận báo cáo / Report received: {number} — [TBSC] DDoS vào {system}", receipt.Subject);
        Assert.Contains($"Báo cáo được ghi nhận là sự cố mới, số {number}.", receipt.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/ack/", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Đường dây nóng 24/7 của Ban Chỉ đạo / The committee's 24/7 hotline: {HostFixture.Hotline}", receipt.TextBody, StringComparison.Ordinal);

        // Its proof of delivery is on the timeline, told apart from the notices to units.
        var entry = await Eventually.MatchesAsync(
            async () => (await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "notification-delivered"
                    && e.GetProperty("summaryVi").GetString()!.StartsWith("Đã gửi xác nhận đã nhận báo cáo", StringComparison.Ordinal)).ToList(),
            e => e.Count > 0, what: "the receipt's delivery on the timeline");
        // Named by role: the timeline, which nothing edits, keeps no outside person's name or address.
        Assert.Equal("Đã gửi xác nhận đã nhận báo cáo tới người báo cáo qua email (lần thử 1)", Assert.Single(entry).GetProperty("summaryVi").GetString());

        // By the time every unit is notified the ordinary report's triage, and any receipt it could owe, is long done: still one.
        await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
        Assert.Single(Receipts(number));
    }

    [Fact]
    public async Task A_re_triage_that_makes_the_incident_serious_engages_more_units_and_updates_those_engaged_once()
    {
        var system = Unique("Hệ thống một cửa");
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: true)));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        Assert.False(incident.GetProperty("serious").GetBoolean());
        // Level 3, not serious: the owner, PA05 and the national coordinator (level 2+), the ISP and the department (level 3+).
        string[] engagedBefore = ["pa05-bn", "skhcn-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"];
        var first = await Api.WaitUntilNotifiedAsync(id, units: engagedBefore.Length);
        Assert.Equal(engagedBefore, first.EnumerateArray().Select(e => e.GetProperty("unit").GetString()).Order(StringComparer.Ordinal));

        await Api.WaitUntilTriagedAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: false)));
        var after = await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);

        // Serious now: the committee and, through it, the national standing body and Steering Committee join.
        Assert.Equal(SeriousDdosRouting.Keys.Order(StringComparer.Ordinal), after.EnumerateArray().Select(e => e.GetProperty("unit").GetString()).Order(StringComparer.Ordinal));
        var mails = await NoticesAboutAsync(id, number);
        // The units engaged before get their first notice and one update; the new ones their first notice only.
        foreach (var unit in engagedBefore)
        {
            var theirs = mails.Where(m => To(m) == Mailboxes[unit]).ToList();
            Assert.Equal(2, theirs.Count);
            Assert.Single(theirs, m => m.Subject!.StartsWith("[CẬP NHẬT / UPDATE]", StringComparison.Ordinal));
        }

        foreach (var unit in SeriousDdosRouting.Keys.Except(engagedBefore))
        {
            Assert.StartsWith("[TBSC] ", Assert.Single(mails, m => To(m) == Mailboxes[unit]).Subject, StringComparison.Ordinal);
        }

        Assert.Equal((2 * engagedBefore.Length) + (SeriousDdosRouting.Count - engagedBefore.Length), mails.Count);
    }

    [Fact]
    public async Task The_same_triage_delivered_again_engages_nobody_twice()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng thông tin điện tử"))));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
        var triaged = new IncidentTriaged(id, number, incident.GetProperty("title").GetString()!, "availability:ddos", 4, 67, true, "AMBER", false,
            new AffectedSystem("x", "Văn phòng UBND tỉnh", null, 4, "VNPT", null, [], [], [], null, null), [], "2026.1", TimeProvider.System.GetUtcNow());
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();

        await bus.Publish(triaged, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(triaged, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(triaged, TestContext.Current.CancellationToken);
        await Task.Delay(2000, TestContext.Current.CancellationToken);

        Assert.Equal(SeriousDdosRouting.Keys.Order(StringComparer.Ordinal),
            (await Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements")).EnumerateArray().Select(e => e.GetProperty("unit").GetString()).Order(StringComparer.Ordinal));
        // Only the engagement notices count here: a legal duty already due at once (Mẫu 03) also sends deadline alerts.
        var notices = (await Api.GetJsonAsync($"/api/v1/deliveries?incident={id}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString()!.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() is "ENGAGED" or "INITIALREPORT")
            .Select(d => d.GetProperty("id").GetGuid().ToString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(SeriousDdosRouting.Count, notices.Count);
        Assert.Equal(SeriousDdosRouting.Count, MailsAbout(number).Count(m => notices.Contains(m.Headers["X-IR-Notification-Id"] ?? "")));
    }

    [Fact]
    public async Task A_mailbox_that_rejects_the_recipient_is_not_retried_and_the_SMS_fallback_delivers()
    {
        Partners.Smtp.Reject(ViettelMailbox);
        try
        {
            var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng Viettel"), isp: "Viettel", ownerCanHandle: true)));
            var id = incident.GetProperty("id").GetGuid();
            // Level 3: the owner, PA05, the national coordinator, the ISP (Viettel) and the department.
            var engagements = await Api.WaitUntilNotifiedAsync(id, units: 5);
            Assert.Equal(["pa05-bn", "skhcn-bn", "viettel-bn", "vncert", "vp-ubnd-bn"],
                engagements.EnumerateArray().Select(e => e.GetProperty("unit").GetString()).Order(StringComparer.Ordinal));

            var viettel = engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "viettel-bn");
            var delivery = Assert.Single(viettel.GetProperty("deliveries").EnumerateArray());
            Assert.Equal("delivered", delivery.GetProperty("status").GetString());
            Assert.Equal("sms", delivery.GetProperty("deliveredChannel").GetString());
            var detail = await Api.GetJsonAsync($"/api/v1/deliveries/{delivery.GetProperty("id").GetGuid()}");
            Assert.Equal([("email", "PermanentFailure"), ("sms", "Delivered")], detail.GetProperty("attempts").EnumerateArray()
                .Select(a => (a.GetProperty("channel").GetString(), a.GetProperty("outcome").GetString())));
            var code = detail.GetProperty("acknowledgeCode").GetString()!;
            var sms = Assert.Single(Partners.SmsGateway.Requests, r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(code, StringComparison.Ordinal));
            using var body = JsonDocument.Parse(sms.Body);
            Assert.Equal("+84900000105", body.RootElement.GetProperty("to").GetString());
            Assert.DoesNotContain(MailsAbout(incident.GetProperty("number").GetString()!), m => To(m) == ViettelMailbox);
        }
        finally
        {
            Partners.Smtp.Accept(ViettelMailbox);
        }
    }

    [Fact]
    public async Task A_notification_that_reaches_nobody_is_listed_as_failed_on_the_timeline_and_a_resend_delivers_it()
    {
        Partners.Smtp.Reject(CoordinatorMailbox);
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng điều hành"))));
        var id = incident.GetProperty("id").GetGuid();
        JsonElement failed;
        try
        {
            var engagements = await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
            // The engagement's own notice; the escalation's page (origin step:…), sent at once when this one failed,
            // may already be listed beside it.
            failed = Assert.Single(engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "vncert").GetProperty("deliveries").EnumerateArray(),
                d => d.GetProperty("origin").GetString() == "engagement");
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains("550", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            // A failed page escalates at once (issue 5), so the escalation's own page to the same rejected
            // mailbox may have failed too by now: it is listed beside the first notice, never instead of it.
            var listed = (await Api.GetJsonAsync($"/api/v1/deliveries?status=failed&incident={id}")).GetProperty("items").EnumerateArray().ToList();
            Assert.Single(listed, d => d.GetProperty("id").GetGuid() == failed.GetProperty("id").GetGuid());
            Assert.All(listed.Where(d => d.GetProperty("id").GetGuid() != failed.GetProperty("id").GetGuid()), d =>
            {
                Assert.Equal("Escalation", d.GetProperty("kind").GetString());
                Assert.Equal("vncert", d.GetProperty("unit").GetString());
            });
            var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
            Assert.True(Count(timeline, "notification-failed") >= 1, "the failed notice is on the timeline");
        }
        finally
        {
            Partners.Smtp.Accept(CoordinatorMailbox);
        }

        using var resend = await Api.PostJsonAsync($"/api/v1/deliveries/{failed.GetProperty("id").GetGuid()}/resend", new { });
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);

        var detail = await Eventually.MatchesAsync(
            () => Api.GetJsonAsync($"/api/v1/deliveries/{failed.GetProperty("id").GetGuid()}"),
            d => d.GetProperty("delivery").GetProperty("status").GetString() == "delivered", what: "the resent notification delivered");
        Assert.Equal(1, detail.GetProperty("delivery").GetProperty("resends").GetInt32());
        var last = detail.GetProperty("attempts").EnumerateArray().Last();
        Assert.Equal((1, "Delivered"), (last.GetProperty("round").GetInt32(), last.GetProperty("outcome").GetString()));
        // The resent notice reached the coordinator exactly once. (The escalation's own page, sent at once
        // when the first notice failed, is a different notification and may arrive beside it.)
        var resent = failed.GetProperty("id").GetGuid().ToString("D");
        Assert.Single(MailsAbout(incident.GetProperty("number").GetString()!), m => To(m) == CoordinatorMailbox && m.Headers["X-IR-Notification-Id"] == resent);
        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"), t => Count(t, "notification-delivered") >= SeriousDdosRouting.Count,
            what: "the resend's delivery on the timeline");

        // Once the unit answers, its pages need nobody: listed apart (answered=true) and marked, the others' not.
        using (var acknowledged = await Api.PostJsonAsync($"/api/v1/engagements/{failed.GetProperty("engagementId").GetGuid()}/acknowledge", new { }))
        {
            Assert.True(acknowledged.IsSuccessStatusCode, $"acknowledge: {(int)acknowledged.StatusCode}");
        }

        // Read until no new notice lands between the three reads (other units' steps keep paging).
        Dictionary<Guid, JsonElement> every = [], answered = [], open = [];
        for (var read = 0; read < 10 && (read == 0 || !every.Keys.Order().SequenceEqual(answered.Keys.Concat(open.Keys).Order())); read++)
        {
            every = await DeliveriesAsync($"incident={id}");
            answered = await DeliveriesAsync($"incident={id}&answered=true");
            open = await DeliveriesAsync($"incident={id}&answered=false");
        }

        Assert.Contains(failed.GetProperty("id").GetGuid(), answered.Keys);
        Assert.Equal("acknowledged", answered[failed.GetProperty("id").GetGuid()].GetProperty("answeredAs").GetString());
        Assert.All(answered.Values, d => Assert.Contains(d.GetProperty("answeredAs").GetString(), EngagementStates.All.Skip(1)));
        Assert.DoesNotContain(open.Values, d => d.GetProperty("unit").GetString() == "vncert" && d.GetProperty("origin").GetString() is "engagement");
        Assert.NotEmpty(open); // the other units have not answered
        Assert.All(open.Values, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("answeredAs").ValueKind));
        Assert.Equal(every.Keys.Order(), answered.Keys.Concat(open.Keys).Order());

        // Once the incident is closed, its pages are not sent again: refused, naming the close (a re-send accepted before
        // notifications heard of the close is cancelled unsent by the dispatcher, and refused the same way after).
        using (var close = await Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" }))
        {
            Assert.True(close.IsSuccessStatusCode, $"close: {(int)close.StatusCode} {await close.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        await Eventually.MatchesAsync(
            async () =>
            {
                using var again = await Api.PostJsonAsync($"/api/v1/deliveries/{failed.GetProperty("id").GetGuid()}/resend", new { });
                return (again.StatusCode, Body: await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            },
            r => r.StatusCode == HttpStatusCode.Conflict && r.Body.Contains("the incident is closed", StringComparison.Ordinal),
            what: "a re-send of a closed incident's page refused");
    }

    private async Task<Dictionary<Guid, JsonElement>> DeliveriesAsync(string query) =>
        (await Api.GetJsonAsync($"/api/v1/deliveries?{query}&pageSize=200")).GetProperty("items").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetGuid());

    [Fact]
    public async Task A_notice_sent_again_after_its_address_was_corrected_in_the_directory_reaches_the_new_address()
    {
        const string corrected = "ir-moi@vncert.example.invalid";
        Partners.Smtp.Reject(CoordinatorMailbox); // the mailbox was closed: every notice to it fails until the directory is corrected
        string? before = null;
        try
        {
            var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng địa chỉ mới"))));
            var id = incident.GetProperty("id").GetGuid();
            var engagements = await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
            var failed = Assert.Single(engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "vncert").GetProperty("deliveries").EnumerateArray(),
                d => d.GetProperty("origin").GetString() == "engagement");
            Assert.Equal("failed", failed.GetProperty("status").GetString());

            // An operator corrects the unit's duty address in the directory, then sends the notice again.
            await using (var scope = fixture.Host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                var unit = await db.Units.SingleAsync(u => u.Code == "vncert", TestContext.Current.CancellationToken);
                before = unit.DutyChannels;
                Assert.Contains(CoordinatorMailbox, before, StringComparison.Ordinal);
                unit.DutyChannels = before.Replace(CoordinatorMailbox, corrected, StringComparison.Ordinal);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            var deliveryId = failed.GetProperty("id").GetGuid();
            using (var resend = await Api.PostJsonAsync($"/api/v1/deliveries/{deliveryId}/resend", new { }))
            {
                Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
            }

            var detail = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/deliveries/{deliveryId}"),
                d => d.GetProperty("delivery").GetProperty("status").GetString() == "delivered", what: "the notice sent again delivered");
            Assert.Equal(corrected, detail.GetProperty("attempts").EnumerateArray().Last().GetProperty("address").GetString());
            Assert.Single(MailsAbout(incident.GetProperty("number").GetString()!), m => To(m) == corrected && m.Headers["X-IR-Notification-Id"] == deliveryId.ToString("D"));
        }
        finally
        {
            Partners.Smtp.Accept(CoordinatorMailbox);
            if (before is not null)
            {
                // Restored even when the test timed out, and the routing's copy of the units dropped: the next test routes
                // to the address it expects, not to one cached during this test.
                await using var scope = fixture.Host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                var unit = await db.Units.SingleAsync(u => u.Code == "vncert", CancellationToken.None);
                unit.DutyChannels = before;
                await db.SaveChangesAsync(CancellationToken.None);
                fixture.Host.Services.GetRequiredService<UnitDirectory>().Forget();
            }
        }
    }

    [Fact]
    public async Task A_notification_left_claimed_by_a_Host_that_died_is_taken_over_when_its_lease_runs_out()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng bưu chính"))));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
        var now = TimeProvider.System.GetUtcNow();
        var notificationId = NewId.NextGuid();
        var notice = new Notice(notificationId, id, number, NoticeKind.Engaged, "Thư bị bỏ dở", "availability:ddos", 4, true, "GREEN", false, null, null, [],
            "buudien-bn", "Bưu điện tỉnh Bắc Ninh", "Bắc Ninh Provincial Post", "thử", "test", new Uri("http://127.0.0.1/"), new Uri("http://127.0.0.1/ack/x"), "TAKEOVER", now);
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            db.Notifications.Add(new Notification
            {
                Id = notificationId,
                IdempotencyKey = "test:" + notificationId.ToString("N"),
                IncidentId = id,
                IncidentNumber = number,
                UnitCode = "buudien-bn",
                RecipientKey = "duty:buudien-bn",
                RecipientName = "Bưu điện tỉnh Bắc Ninh",
                Language = "vi",
                TimeZone = "Asia/Ho_Chi_Minh",
                Kind = nameof(NoticeKind.Engaged),
                Destinations = JsonSerializer.Serialize(new[] { new ContactChannel("email", "cntt@buudien.bacninh.example.invalid", null) }, DirectoryJson.Options),
                Notice = JsonSerializer.Serialize(notice, DirectoryJson.Options),
                AcknowledgeCode = "TAKE" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(),
                Status = NotificationStatus.Pending,
                NextAttemptAt = now.AddMinutes(-1),
                ClaimedBy = "a-host-that-died",
                ClaimedUntil = now.AddSeconds(3),
                CreatedAt = now.AddMinutes(-1),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var held = await Api.GetJsonAsync($"/api/v1/deliveries/{notificationId}");
        Assert.Equal(("pending", 0), (held.GetProperty("delivery").GetProperty("status").GetString(), held.GetProperty("attempts").GetArrayLength()));

        var taken = await Eventually.MatchesAsync(
            () => Api.GetJsonAsync($"/api/v1/deliveries/{notificationId}"),
            d => d.GetProperty("delivery").GetProperty("status").GetString() == "delivered", what: "the abandoned notification delivered");
        Assert.Single(taken.GetProperty("attempts").EnumerateArray());
        Assert.Single(MailsAbout(number), m => To(m) == "cntt@buudien.bacninh.example.invalid");
    }

    [Fact]
    public async Task The_acknowledgement_link_shows_a_page_on_GET_acknowledges_on_POST_once_and_refuses_forgeries()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng xác nhận"))));
        var id = incident.GetProperty("id").GetGuid();
        await Api.WaitUntilNotifiedAsync(id, units: SeriousDdosRouting.Count);
        var mail = Assert.Single(MailsAbout(incident.GetProperty("number").GetString()!), m => To(m) == VnptMailbox);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+(/ack/[A-Za-z0-9._-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var anonymous = Api.WithKey(null);

        using (var page = await anonymous.SendAsync(HttpMethod.Get, link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
            Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
        }

        Assert.True(Engagement(await Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"), "vnpt-bn").GetProperty("acknowledgedAt").ValueKind == JsonValueKind.Null,
            "a GET must change nothing");

        // A form sent from another site's page (a page posting links it collected) acknowledges nothing and shows the page's
        // own button; that button acknowledges.
        foreach (var site in new[] { "cross-site", "same-site" })
        {
            using var elsewhere = new HttpRequestMessage(HttpMethod.Post, new Uri(link, UriKind.Relative));
            elsewhere.Headers.Add("Sec-Fetch-Site", site);
            using var refused = await anonymous.Http.SendAsync(elsewhere, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var shown = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Contains("Bấm nút dưới đây để xác nhận", shown, StringComparison.Ordinal); // the page's own button: one press recovers
            Assert.Contains("method=\"post\"", shown, StringComparison.Ordinal);
        }

        Assert.Equal(JsonValueKind.Null, Engagement(await Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"), "vnpt-bn").GetProperty("acknowledgedAt").ValueKind);
        using (var button = new HttpRequestMessage(HttpMethod.Post, new Uri(link, UriKind.Relative)))
        {
            button.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var acknowledged = await anonymous.Http.SendAsync(button, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        var engagement = Engagement(await Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"), "vnpt-bn");
        Assert.Equal("link", engagement.GetProperty("acknowledgedVia").GetString());
        Assert.Equal(JsonValueKind.Null, Engagement(await Api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"), "pa05-bn").GetProperty("acknowledgedAt").ValueKind);
        using (var again = await anonymous.SendAsync(HttpMethod.Post, link))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        }

        var parts = link.Split('.');
        using (var forged = await anonymous.SendAsync(HttpMethod.Post, $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var made = await anonymous.SendAsync(HttpMethod.Get, "/ack/forged-token-123"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
        }

        await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"), t => Count(t, "unit-acknowledged") == 1,
            what: "the acknowledgement on the timeline");
    }

    [Fact]
    public async Task Deliveries_need_a_key_and_a_resend_needs_a_role_that_manages()
    {
        using var anonymous = await Api.WithKey(null).SendAsync(HttpMethod.Get, "/api/v1/deliveries");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var badFilter = await Api.SendAsync(HttpMethod.Get, "/api/v1/deliveries?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("application/problem+json", badFilter.Content.Headers.ContentType?.MediaType);
        using var missing = await Api.PostJsonAsync($"/api/v1/deliveries/{Guid.NewGuid()}/resend", new { });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Directory 2026.2: the committee, PA05, the owner agencies (Văn phòng UBND tỉnh, member departments, example wards),
        // the telecoms and the post, the national coordinator, standing body and Steering Committee, A05.
        var units = await Api.GetJsonAsync("/api/v1/units");
        Assert.Equal(
            ["a05", "bcd-bn", "bcd-qg", "buudien-bn", "pa05-bn", "sct-bn", "skhcn-bn", "snv-bn", "stc-bn", "stp-bn", "syt-bn", "thuongtruc-qg",
             "ubnd-bac-giang", "ubnd-kinh-bac", "viettel-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"],
            units.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        var people = await Api.GetJsonAsync("/api/v1/people?unit=vnpt-bn");
        Assert.Equal("Phạm Minh Đức", Assert.Single(people.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    /// <summary>
    /// The mails about an incident other than its legal deadline alerts: a report detected days ago is overdue at once and its
    /// alerts (to the committee, and to the department once a duty is a day late) arrive whenever the clocks fire.
    /// </summary>
    private async Task<List<MimeMessage>> NoticesAboutAsync(Guid incidentId, string incidentNumber)
    {
        var mails = MailsAbout(incidentNumber);
        var deliveries = (await Api.GetJsonAsync($"/api/v1/deliveries?incident={incidentId}&pageSize=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(d => d.GetProperty("id").GetGuid().ToString("D"), d => d.GetProperty("kind").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.All(mails, m => Assert.Contains(m.Headers["X-IR-Notification-Id"] ?? "", deliveries.Keys));
        return mails.Where(m => deliveries[m.Headers["X-IR-Notification-Id"]!] != nameof(NoticeKind.DeadlineAlert)).ToList();
    }

    private List<MimeMessage> Receipts(string incidentNumber) => MailsAbout(incidentNumber).Where(m => m.Headers["X-IR-Report-Id"] is not null).ToList();

    private List<MimeMessage> MailsAbout(string incidentNumber) =>
        Partners.Smtp.Received.Where(m => m.Headers["X-IR-Incident"] == incidentNumber).ToList();

    private static JsonElement Engagement(JsonElement engagements, string unit) =>
        engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == unit);

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static int Count(JsonElement timeline, string kind) => timeline.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == kind);
}

public sealed class NotificationsOnEmbeddedDefault(EmbeddedWithPartnersFixture fixture) : NotificationBehaviour(fixture), IClassFixture<EmbeddedWithPartnersFixture>;

public sealed class NotificationsOnRabbitMqAndPostgres(DistributedWithPartnersFixture fixture) : NotificationBehaviour(fixture), IClassFixture<DistributedWithPartnersFixture>;
