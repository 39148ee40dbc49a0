using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// A report through the public API becomes a triaged, explained incident with deadlines and a
/// verifiable timeline; matching reports correlate; people act on incidents. Runs on both deployments.
/// </summary>
public abstract class TriageFlowBehaviour(HostFixture fixture)
{
    protected ApiClient Api => fixture.Api;

    [Fact]
    public async Task A_report_becomes_a_triaged_incident_with_its_explanation_deadlines_and_a_verifiable_timeline()
    {
        var reportId = await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng dịch vụ công"), nationalSecurityOrPublicOrder: true));

        var incident = await Api.IncidentOfReportAsync(reportId);

        Assert.Equal(4, incident.GetProperty("severity").GetProperty("level").GetInt32());
        Assert.True(incident.GetProperty("serious").GetBoolean());
        Assert.Equal("new", incident.GetProperty("status").GetProperty("value").GetString());
        var triage = incident.GetProperty("triage");
        Assert.Equal(67, triage.GetProperty("score").GetInt32());
        Assert.Equal(3, triage.GetProperty("scoreLevel").GetInt32());
        Assert.Contains(triage.GetProperty("rules").EnumerateArray(), r =>
            r.GetProperty("id").GetString() == "serious-incident-is-severe" && r.GetProperty("changed").GetBoolean());
        Assert.Contains("service-interruption", triage.GetProperty("seriousTest").GetProperty("consequences").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(67, triage.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble()), precision: 0);

        Assert.Equal("vn-2026-07", incident.GetProperty("regime").GetString());
        var detected = SampleReports.DefaultDetectedAt;
        var deadlines = incident.GetProperty("deadlines").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(detected, deadlines["police-report"]);
        Assert.Equal(detected, deadlines["initial-report"]);
        Assert.Equal(detected.AddHours(24), deadlines["serious-initial-notice"]);
        Assert.Equal(detected.AddHours(72), deadlines["serious-full-report"]);
        Assert.Equal(detected.AddDays(5), deadlines["incident-notice"]);
        Assert.DoesNotContain("personal-data-notice", deadlines.Keys);

        var id = incident.GetProperty("id").GetGuid();
        await Api.WaitUntilNotifiedAsync(id, units: 5); // partner activity lands on the timeline too; let it settle
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        Assert.Equal(["incident-opened", "triaged"], Kinds(timeline));
        var verification = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify");
        Assert.True(verification.GetProperty("valid").GetBoolean());
        // Every entry read was verified; a delivery's entry may land between the two reads.
        Assert.InRange(verification.GetProperty("entries").GetInt32(), timeline.GetArrayLength(), int.MaxValue);
    }

    [Fact]
    public async Task Reports_filed_together_each_become_an_incident_with_a_number_of_its_own()
    {
        // Concurrent triages all take the year's counter: each must get its own number, none may fail.
        var reports = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng đồng thời"), observable: $"203.0.113.{100 + i}"))));

        // Generous: this may be the first work of a Host still warming up, and the 16 queue on the counter's row lock.
        var triaged = await Task.WhenAll(reports.Select(r => Api.WaitUntilTriagedAsync(r, TimeSpan.FromSeconds(120))));
        var incidents = await Task.WhenAll(triaged.Select(r => Api.GetJsonAsync($"/api/v1/incidents/{r.GetProperty("incidentId").GetGuid()}")));

        var numbers = incidents.Select(i => i.GetProperty("number").GetString()!).ToList();
        Assert.Equal(16, incidents.Select(i => i.GetProperty("id").GetGuid()).Distinct().Count());
        Assert.Equal(16, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^[A-Z]+-\d{4}-\d{5}$", n));
    }

    [Fact]
    public async Task A_matching_report_is_correlated_into_the_open_incident_and_raises_its_severity()
    {
        var system = Unique("Hệ thống một cửa");
        var first = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: true)));
        Assert.Equal(3, first.GetProperty("severity").GetProperty("level").GetInt32());
        Assert.False(first.GetProperty("serious").GetBoolean());

        var second = await Api.WaitUntilTriagedAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: false)));

        Assert.True(second.GetProperty("correlated").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("incidentId").GetGuid());
        var incident = await Api.GetJsonAsync($"/api/v1/incidents/{first.GetProperty("id").GetGuid()}");
        Assert.Equal(2, incident.GetProperty("reportCount").GetInt32());
        Assert.Equal(4, incident.GetProperty("severity").GetProperty("level").GetInt32());
        Assert.True(incident.GetProperty("serious").GetBoolean());
        Assert.Contains(incident.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("id").GetString() == "serious-initial-notice");
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/timeline");
        Assert.Equal(["incident-opened", "triaged", "report-correlated", "severity-changed", "triaged"], Kinds(timeline));
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_lower_scoring_report_never_lowers_the_severity()
    {
        var system = Unique("Cổng thông tin");
        var first = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: false)));

        var second = await Api.WaitUntilTriagedAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system, ownerCanHandle: true)));

        var incident = await Api.GetJsonAsync($"/api/v1/incidents/{second.GetProperty("incidentId").GetGuid()}");
        Assert.Equal(first.GetProperty("id").GetGuid(), incident.GetProperty("id").GetGuid());
        Assert.Equal(4, incident.GetProperty("severity").GetProperty("level").GetInt32());
        Assert.True(incident.GetProperty("serious").GetBoolean());
    }

    [Fact]
    public async Task A_follow_up_quoting_an_open_incident_s_number_is_filed_under_it_and_one_quoting_no_open_incident_opens_its_own()
    {
        var first = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng theo dõi"))));
        var number = first.GetProperty("number").GetString()!;
        // Another system and observable: on its own it would open an incident of its own.
        var progress = SampleReports.Ddos(Unique("Báo cáo diễn biến"), observable: "203.0.113.77");

        var followUp = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(WithNumber(progress, number)));
        var unknown = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(WithNumber(SampleReports.Ddos(Unique("Số lạ"), observable: "203.0.113.78"), "SC-1999-99999")));

        Assert.Equal(first.GetProperty("id").GetGuid(), followUp.GetProperty("id").GetGuid());
        Assert.NotEqual(first.GetProperty("id").GetGuid(), unknown.GetProperty("id").GetGuid());
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{first.GetProperty("id").GetGuid()}/timeline");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "report-correlated"
            && e.GetProperty("summaryVi").GetString()!.Contains($"ghi số sự cố {number}, được gộp vào sự cố", StringComparison.Ordinal));
        await ExpectProblemAsync("incidentNumber", Api.PostJsonAsync("/api/v1/reports", WithNumber(progress, "sự cố hôm qua")));

        static Dictionary<string, object?> WithNumber(object report, string incidentNumber)
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(report))!;
            fields["incidentNumber"] = incidentNumber;
            return fields;
        }
    }

    [Fact]
    public async Task People_add_notes_override_severity_with_a_reason_and_close_with_a_resolution_on_the_timeline()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Thư điện tử công vụ"))));
        var id = incident.GetProperty("id").GetGuid();

        await ExpectAsync(HttpStatusCode.Created, Api.PostJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "Đã liên hệ VNPT để lọc lưu lượng" }));
        await ExpectProblemAsync("reason", Api.PostJsonAsync($"/api/v1/incidents/{id}/severity", new { level = 2 }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/severity", new { level = 2, reason = "Lưu lượng đã được lọc" }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "containment" }));
        await ExpectProblemAsync("reason", Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "triage" }));
        await ExpectProblemAsync("resolution", Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed" }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" }));

        var after = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal(2, after.GetProperty("severity").GetProperty("level").GetInt32());
        Assert.True(after.GetProperty("severity").GetProperty("overridden").GetBoolean());
        Assert.Equal("closed", after.GetProperty("status").GetProperty("value").GetString());
        Assert.Equal("true-positive-with-impact", after.GetProperty("resolution").GetString());
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        Assert.Equal(["incident-opened", "triaged", "note-added", "severity-changed", "status-changed", "status-changed"], Kinds(timeline));
        var severityEntry = timeline.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "severity-changed");
        Assert.Equal("bootstrap administrator", severityEntry.GetProperty("actorName").GetString());
        Assert.Contains("Lưu lượng đã được lọc", severityEntry.GetProperty("summaryVi").GetString(), StringComparison.Ordinal);
        var closing = timeline.EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "status-changed");
        Assert.EndsWith("sang Đã đóng (Sự cố thật, có thiệt hại)", closing.GetProperty("summaryVi").GetString(), StringComparison.Ordinal); // not the code
        Assert.EndsWith("to Closed (True positive with impact)", closing.GetProperty("summaryEn").GetString(), StringComparison.Ordinal);
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_corrected_classification_sends_the_units_already_engaged_an_update_with_the_new_playbook()
    {
        var report = SampleReports.Ddos(Unique("Cổng thông tin điện tử tỉnh"));
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(report));
        var id = incident.GetProperty("id").GetGuid();
        var engaged = await Api.WaitUntilNotifiedAsync(id);
        var units = engaged.EnumerateArray().Select(e => e.GetProperty("unit").GetString()!).ToHashSet();

        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/classification",
            new { classification = "malicious-code:infected-system", reason = "Phân tích cho thấy máy chủ nhiễm mã độc, không phải DDoS" }));

        var updates = await Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/deliveries?incident={id}&pageSize=200"),
            d => units.All(u => d.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "Update" && n.GetProperty("unit").GetString() == u)),
            TimeSpan.FromSeconds(30), "an update notice for every unit engaged before the correction");
        Assert.Equal(units.Count, updates.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "Update"));
        // Told for the class alone: the correction raised neither the severity nor the serious flag of this incident.
        var after = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal("malicious-code:infected-system", after.GetProperty("classification").GetString());
        Assert.Equal((incident.GetProperty("severity").GetProperty("level").GetInt32(), incident.GetProperty("serious").GetBoolean()),
            (after.GetProperty("severity").GetProperty("level").GetInt32(), after.GetProperty("serious").GetBoolean()));
    }

    [Fact]
    public async Task Legal_duties_are_submitted_or_waived_on_the_timeline_and_closing_waits_for_the_closing_report()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cổng dịch vụ công"), nationalSecurityOrPublicOrder: true)));
        var id = incident.GetProperty("id").GetGuid();
        var duties = await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties");
        Assert.Equal(["incident-notice", "initial-report", "police-report", "serious-full-report", "serious-initial-notice"],
            duties.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        Assert.All(duties.EnumerateArray(), d =>
        {
            Assert.False(string.IsNullOrEmpty(d.GetProperty("basis").GetString()));
            Assert.NotEqual(0, d.GetProperty("recipients").GetArrayLength());
            Assert.Equal("vn-2026-07", d.GetProperty("regime").GetString());
        });

        // Detected on 25/11/2026 and filed later: every duty is already past due when it is recorded.
        Assert.All(duties.EnumerateArray(), d => Assert.Equal("overdue", d.GetProperty("state").GetString()));

        await ExpectProblemAsync("reason", Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/police-report/waive", new { reason = " " }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/police-report/waive",
            new { reason = "Không liên quan an ninh quốc gia, trật tự an toàn xã hội" }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/initial-report/submit",
            new { note = "Gửi Mẫu 03", channel = "email", recipients = SubmittedTo, documentVersion = "Mẫu 03 v1" }));
        await ExpectAsync(HttpStatusCode.Conflict, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/initial-report/submit", new { note = "lần hai" }));
        await ExpectAsync(HttpStatusCode.NotFound, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/no-such-duty/submit", new { }));

        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/status", new { status = "closed", resolution = "true-positive-with-impact" }));
        var closed = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal("closed", closed.GetProperty("status").GetProperty("value").GetString());
        Assert.True(closed.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closingRecordedAt").ValueKind);
        var after = (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Equal("waived", after["police-report"].GetProperty("state").GetString());
        Assert.Equal("submitted", after["initial-report"].GetProperty("state").GetString());
        Assert.Equal(["bcd-bn", "vncert"], after["initial-report"].GetProperty("submittedTo").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("overdue", after["serious-full-report"].GetProperty("state").GetString());
        var closing = after["mau-04-closing-report"];
        Assert.Equal("due", closing.GetProperty("state").GetString());
        Assert.Equal(closed.GetProperty("closedAt").GetDateTimeOffset().AddDays(5), closing.GetProperty("dueAt").GetDateTimeOffset());

        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/mau-04-closing-report/submit", new { channel = "post" }));
        var recorded = await Api.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.False(recorded.GetProperty("awaitingClosingReport").GetBoolean());
        Assert.Equal(JsonValueKind.String, recorded.GetProperty("closingRecordedAt").ValueKind);
        var board = await Api.GetJsonAsync("/api/v1/duties");
        Assert.Contains(board.EnumerateArray(), d => d.GetProperty("incidentId").GetGuid() == id && d.GetProperty("id").GetString() == "incident-notice");
        Assert.DoesNotContain(board.EnumerateArray(), d => d.GetProperty("incidentId").GetGuid() == id && d.GetProperty("id").GetString() == "initial-report");

        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        Assert.Equal(["incident-opened", "triaged", "duty-waived", "duty-submitted", "status-changed", "duty-submitted", "status-changed"], Kinds(timeline));
        // Submitted late: the entry says so with the due time as the committee reads it (Vietnam time), not in UTC.
        var due = after["initial-report"].GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7));
        var submitted = timeline.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "duty-submitted").GetProperty("summaryVi").GetString();
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(trễ hạn / late, hạn / due {due:dd/MM/yyyy HH:mm} (UTC+07:00))"), submitted,
            StringComparison.Ordinal);
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_late_personal_data_notice_is_recorded_only_with_why_it_is_late_and_its_confirmation_record()
    {
        // NĐ 13/2023 Điều 23 (legal regimes 2026.4): the A05 notice after its 72 hours states why it is late, and the
        // violation gets a confirmation record (biên bản xác nhận). Detected on 25/11/2026, filed later: already late.
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Cơ sở dữ liệu công dân"), personalData: true)));
        var id = incident.GetProperty("id").GetGuid();
        var duties = (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        var notice = duties["personal-data-notice"];
        Assert.Equal(("overdue", true, true), (notice.GetProperty("state").GetString(), notice.GetProperty("lateReasonRequired").GetBoolean(),
            notice.GetProperty("confirmationRecordExpected").GetBoolean()));
        Assert.False(duties["incident-notice"].GetProperty("lateReasonRequired").GetBoolean()); // only where the rule says so
        // The incident's own view (and the state other services keep) says the same.
        var deadline = (await Api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "personal-data-notice");
        Assert.True(deadline.GetProperty("lateReasonRequired").GetBoolean() && deadline.GetProperty("confirmationRecordExpected").GetBoolean());

        var submit = $"/api/v1/incidents/{id}/duties/personal-data-notice/submit";
        await ExpectProblemAsync("lateReason", Api.PostJsonAsync(submit, new { channel = "email", lateReason = "  " }));
        await ExpectProblemAsync("lateReason", Api.PostJsonAsync(submit, new { lateReason = new string('x', 2001) }));
        await ExpectProblemAsync("confirmationRecord", Api.PostJsonAsync(submit, new { lateReason = "x", confirmationRecord = new string('x', 301) }));
        Assert.Equal("overdue", (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == "personal-data-notice").GetProperty("state").GetString()); // refused: nothing recorded
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync(submit, new
        {
            channel = "email", lateReason = "Chủ quản chỉ xác nhận dữ liệu bị lộ sau khi rà soát nhật ký ngày 29/11",
            confirmationRecord = "Biên bản số 12/BB-VPUBND ngày 29/11/2026",
        }));
        // Another late duty without the rule submits as before.
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/incident-notice/submit", new { channel = "email", confirmationRecord = "BB 9" }));
        Assert.Equal(JsonValueKind.Null, (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == "incident-notice").GetProperty("confirmationRecord").ValueKind); // expects none: kept none

        var after = (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "personal-data-notice");
        Assert.Equal("submitted", after.GetProperty("state").GetString());
        Assert.Equal("Chủ quản chỉ xác nhận dữ liệu bị lộ sau khi rà soát nhật ký ngày 29/11", after.GetProperty("lateReason").GetString());
        Assert.Equal("Biên bản số 12/BB-VPUBND ngày 29/11/2026", after.GetProperty("confirmationRecord").GetString());
        var entry = (await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray()
            .First(e => e.GetProperty("kind").GetString() == "duty-submitted").GetProperty("summaryVi").GetString();
        Assert.Contains(". Lý do chậm: Chủ quản chỉ xác nhận dữ liệu bị lộ sau khi rà soát nhật ký ngày 29/11. Biên bản xác nhận: Biên bản số 12/BB-VPUBND ngày 29/11/2026",
            entry, StringComparison.Ordinal);

        // The record is often drawn up after the notice went: it can be given (or corrected) on the submitted duty, on the timeline.
        var record = $"/api/v1/incidents/{id}/duties/personal-data-notice/confirmation-record";
        await ExpectProblemAsync("confirmationRecord", Api.PostJsonAsync(record, new { confirmationRecord = "" }));
        await ExpectProblemAsync("confirmationRecord", Api.PostJsonAsync($"/api/v1/incidents/{id}/duties/incident-notice/confirmation-record", new { confirmationRecord = "BB 1" }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync(record, new { confirmationRecord = "Biên bản số 13/BB-VPUBND ngày 02/12/2026" }));
        Assert.Equal("Biên bản số 13/BB-VPUBND ngày 02/12/2026", (await Api.GetJsonAsync($"/api/v1/incidents/{id}/duties")).EnumerateArray()
            .Single(d => d.GetProperty("id").GetString() == "personal-data-notice").GetProperty("confirmationRecord").GetString());
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync(record, new { confirmationRecord = "Biên bản số 13/BB-VPUBND ngày 02/12/2026" })); // again: no new entry
        Assert.Single((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "duty-record-added");
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
        Assert.Contains((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "duty-record-added"
            && e.GetProperty("summaryVi").GetString() == "Biên bản xác nhận của Thông báo vi phạm dữ liệu cá nhân cho Bộ Công an (A05) — 72 giờ: Biên bản số 13/BB-VPUBND ngày 02/12/2026");
    }

    [Fact]
    public async Task The_periodic_Mau_05_reports_fall_due_before_20_June_and_15_December_and_are_recorded_once()
    {
        // 2026 as the rules and the committee's calendar say it; the test runs in December 2026 or later.
        var year2026 = (await Api.GetJsonAsync("/api/v1/periodic-reports?year=2026")).EnumerateArray().ToList();
        Assert.Equal(["mau-05-half-year", "mau-05-year"], year2026.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.FromHours(7)), year2026[0].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.FromHours(7)), year2026[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("overdue", year2026[0].GetProperty("state").GetString());
        Assert.Equal(("/api/v1/statistics/mau-05?year=2026&half=1", "/api/v1/statistics/mau-05?year=2026"),
            (year2026[0].GetProperty("statistics").GetString(), year2026[1].GetProperty("statistics").GetString()));
        using (var form = await Api.SendAsync(HttpMethod.Get, year2026[0].GetProperty("statistics").GetString() + "&format=pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        }

        // A later year: recorded submitted or waived, once each; the rest of the year stays as it was.
        var later = TimeProvider.System.GetUtcNow().Year + 5;
        var submit = $"/api/v1/periodic-reports/mau-05-half-year/{later}/submit";
        await ExpectProblemAsync("channel", Api.PostJsonAsync(submit, new { channel = new string('x', 51) }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync(submit, new { channel = "email", documentVersion = "Số 15/BC-BCĐ", note = "Gửi VNCERT/CC" }));
        await ExpectAsync(HttpStatusCode.Conflict, Api.PostJsonAsync(submit, new { channel = "post" }));
        await ExpectProblemAsync("reason", Api.PostJsonAsync($"/api/v1/periodic-reports/mau-05-year/{later}/waive", new { reason = " " }));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/periodic-reports/mau-05-year/{later}/waive", new { reason = "Gộp vào báo cáo của Sở" }));
        await ExpectAsync(HttpStatusCode.NotFound, Api.PostJsonAsync($"/api/v1/periodic-reports/mau-99/{later}/submit", new { }));
        await ExpectProblemAsync("year", Api.SendAsync(HttpMethod.Get, "/api/v1/periodic-reports?year=1999"));

        var laterYear = (await Api.GetJsonAsync($"/api/v1/periodic-reports?year={later}")).EnumerateArray().ToDictionary(r => r.GetProperty("kind").GetString()!);
        var half = laterYear["mau-05-half-year"];
        Assert.Equal(("submitted", "email", "Số 15/BC-BCĐ"), (half.GetProperty("state").GetString(), half.GetProperty("channel").GetString(), half.GetProperty("documentVersion").GetString()));
        Assert.Equal(["national-coordinator"], half.GetProperty("submittedTo").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(("waived", "Gộp vào báo cáo của Sở"), (laterYear["mau-05-year"].GetProperty("state").GetString(), laterYear["mau-05-year"].GetProperty("waiverReason").GetString()));
        Assert.All((await Api.GetJsonAsync($"/api/v1/periodic-reports?year={later + 1}")).EnumerateArray(), r => Assert.Equal("due", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_report_after_the_incident_was_closed_opens_a_new_incident()
    {
        var system = Unique("Cơ sở dữ liệu dân cư");
        var first = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system)));
        await ExpectAsync(HttpStatusCode.OK, Api.PostJsonAsync($"/api/v1/incidents/{first.GetProperty("id").GetGuid()}/status",
            new { status = "closed", resolution = "true-positive-without-impact" }));

        var second = await Api.WaitUntilTriagedAsync(await Api.SubmitReportAsync(SampleReports.Ddos(system)));

        Assert.False(second.GetProperty("correlated").GetBoolean());
        Assert.NotEqual(first.GetProperty("id").GetGuid(), second.GetProperty("incidentId").GetGuid());
    }

    [Fact]
    public async Task The_incident_list_filters_by_status_severity_and_class()
    {
        var serious = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos(Unique("Hệ thống A"))));
        var phishing = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(
            SampleReports.Ddos(Unique("Hệ thống B"), ownerCanHandle: true, securityLevel: 2, classification: "fraud:phishing")));

        var severe = await Api.GetJsonAsync("/api/v1/incidents?status=open&minSeverity=4&pageSize=200");
        var fraud = await Api.GetJsonAsync("/api/v1/incidents?class=fraud&pageSize=200");

        Assert.Contains(Ids(severe), id => id == serious.GetProperty("id").GetGuid());
        Assert.DoesNotContain(Ids(severe), id => id == phishing.GetProperty("id").GetGuid());
        Assert.All(severe.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("severity").GetProperty("level").GetInt32() >= 4));
        Assert.Contains(Ids(fraud), id => id == phishing.GetProperty("id").GetGuid());
        Assert.All(fraud.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("fraud:", i.GetProperty("classification").GetString(), StringComparison.Ordinal));
        await ExpectProblemAsync("status", Api.SendAsync(HttpMethod.Get, "/api/v1/incidents?status=sleeping"));
    }

    private static readonly string[] SubmittedTo = ["bcd-bn", "vncert"];

    protected static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The triage entries of a timeline; notifications add theirs (units engaged, deliveries) in between as they happen.</summary>
    protected static List<string?> Kinds(JsonElement timeline) => timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString())
        .Where(k => k is not null && !PartnerActivity.Any(prefix => k.StartsWith(prefix, StringComparison.Ordinal))).ToList();

    /// <summary>What notifications and escalation add beside triage's own entries.</summary>
    private static readonly string[] PartnerActivity = ["unit-", "notification-", "escalation-", "legal-deadline-"];

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid());

    protected static async Task ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A 400 problem+json whose errors name <paramref name="field"/>.</summary>
    protected static async Task<JsonElement> ExpectProblemAsync(string field, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {body}");
        return problem;
    }
}

public sealed class TriageFlowOnEmbeddedDefault(EmbeddedHostFixture fixture) : TriageFlowBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class TriageFlowOnRabbitMqAndPostgres(DistributedHostFixture fixture) : TriageFlowBehaviour(fixture), IClassFixture<DistributedHostFixture>;
