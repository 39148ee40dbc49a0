using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// A report quoting an incident's number (a progress report, a reply to a receipt or a notice) is filed under that
/// incident, open or closed, drill or not, and changes nothing else of it: a sender who knows a number adds to the
/// incident's record but does not steer its TLP, severity, facts or routing.
/// </summary>
public sealed class FollowUpTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follow_up_is_filed_under_the_quoted_incident_and_leaves_its_TLP_severity_and_facts_as_they_were()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database);
        var now = TimeProvider.System.GetUtcNow();
        var opened = Received(now, SampleReports.DdosAsAnnounced("Cổng dịch vụ công", ownerCanHandle: true) with { Tlp = "GREEN" });
        await BatchTriage.TriageAsync(services, opened);
        var before = await IncidentAsync(database);
        var louder = SampleReports.DdosAsAnnounced("Hệ thống khác") with
        {
            Tlp = "AMBER", Impact = new ImpactAssessment("high", "high", "not-recoverable", true, false, true, true), IncidentNumber = before.Number,
        };

        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(1), louder));

        var after = await IncidentAsync(database);
        Assert.Equal(2, after.ReportCount);
        Assert.Equal(("GREEN", before.SeverityLevel, before.Serious, false, false), (after.Tlp, after.SeverityLevel, after.Serious, after.PersonalData, after.NationalSecurityOrPublicOrder));
        Assert.Single(await IncidentsAsync(database));
        Assert.Contains(await SummariesAsync(database), s => s.Contains($"ghi số sự cố {before.Number}, được gộp vào sự cố (báo cáo thứ 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_incident_takes_a_plain_follow_up_but_not_a_legal_initial_report_and_a_drill_takes_drill_reports_only()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database, new TriageOptions { Receipts = ReportReceipts.All });
        var now = TimeProvider.System.GetUtcNow();
        await BatchTriage.TriageAsync(services, Received(now, SampleReports.DdosAsAnnounced("Cổng đã đóng")));
        await BatchTriage.TriageAsync(services, Received(now, SampleReports.DdosAsAnnounced("Cổng diễn tập") with { Drill = true }));
        var (closed, drill) = (await IncidentsAsync(database)) switch { var l => (l.Single(i => !i.Drill), l.Single(i => i.Drill)) };
        await using (var db = database.NewContext())
        {
            await db.Incidents.Where(i => i.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, Lifecycle.Closed), Cancel);
        }

        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(1), SampleReports.DdosAsAnnounced("Mẫu 04", ownerCanHandle: true) with { IncidentNumber = closed.Number }));
        // A new attack reported by replying to the old thread: a legal initial report must page, not vanish into the closed incident.
        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(2), SampleReports.DdosAsAnnounced("Tấn công mới") with { IncidentNumber = closed.Number, IsLegalInitialReport = true }));
        // A real report quoting a drill may be a real attack: it opens a real incident; a drill report joins the drill.
        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(3), SampleReports.DdosAsAnnounced("Quên đánh dấu diễn tập") with { IncidentNumber = drill.Number }));
        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(4), SampleReports.DdosAsAnnounced("Diễn tập, lần hai") with { IncidentNumber = drill.Number, Drill = true }));

        var incidents = await IncidentsAsync(database);
        Assert.Equal(4, incidents.Count);
        Assert.Equal((Lifecycle.Closed, 2), incidents.Single(i => i.Id == closed.Id) is var c ? (c.Status, c.ReportCount) : default);
        Assert.Equal(2, incidents.Single(i => i.Id == drill.Id).ReportCount);
        Assert.Equal(2, incidents.Count(i => !i.Drill && i.Id != closed.Id && i.Status != Lifecycle.Closed)); // the legal report's and the real one's
        Assert.Contains(await SummariesAsync(database), s => s.Contains("(đã đóng; không mở lại)", StringComparison.Ordinal));
        // The reporter is told where the follow-up went: under the incident it quoted, closed and not reopened.
        await using var check = database.NewContext();
        var receipts = await Outbox.ReadAsync<SendReportReceipt>(check);
        Assert.Equal((true, true, closed.Number), receipts.Single(r => r.Title == "DDoS vào Mẫu 04") is var followUp ? (followUp.Quoted, followUp.IncidentClosed, followUp.IncidentNumber) : default);
        Assert.Equal((false, false), receipts.Single(r => r.Title == "DDoS vào Tấn công mới") is var fresh ? (fresh.Quoted, fresh.IncidentClosed) : default);
        Assert.Equal((true, false), receipts.Single(r => r.Title == "DDoS vào Diễn tập, lần hai") is var drillFollowUp ? (drillFollowUp.Quoted, drillFollowUp.IncidentClosed) : default);
    }

    [Fact]
    public async Task Staff_s_follow_up_of_an_open_incident_counts_as_a_correlated_report_and_a_drill_report_never_joins_a_real_incident()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database);
        var now = TimeProvider.System.GetUtcNow();
        await BatchTriage.TriageAsync(services, Received(now, SampleReports.DdosAsAnnounced("Cổng dịch vụ công", ownerCanHandle: true)));
        var incident = await IncidentAsync(database);
        Assert.False(incident.PersonalData);
        var personal = SampleReports.DdosAsAnnounced("Báo cáo diễn biến", ownerCanHandle: true) with
        {
            Impact = new ImpactAssessment("high", "none", "supplemented", true, true, true), IncidentNumber = incident.Number,
        };

        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(1), personal, "api"));
        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(2), SampleReports.DdosAsAnnounced("Kịch bản") with { IncidentNumber = incident.Number, Drill = true }, "api"));

        var incidents = await IncidentsAsync(database);
        Assert.True(incidents.Single(i => i.Id == incident.Id).PersonalData); // an operator's report may raise the facts, as any correlated one
        Assert.Equal(2, incidents.Single(i => i.Id == incident.Id).ReportCount);
        Assert.Single(incidents, i => i.Drill); // the drill report opened a drill of its own
    }

    [Fact]
    public async Task Staff_s_follow_up_stating_no_facts_leaves_a_person_s_level_alone_but_still_raises_the_TLP()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database);
        var now = TimeProvider.System.GetUtcNow();
        await BatchTriage.TriageAsync(services, Received(now, SampleReports.DdosAsAnnounced("Cổng dịch vụ công", ownerCanHandle: true)));
        var incident = await IncidentAsync(database);
        await using (var db = database.NewContext())
        {
            // A person judged it Baseline.
            await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.SeverityLevel, 0).SetProperty(i => i.SeverityOverridden, true), Cancel);
        }

        var observables = SampleReports.DdosAsAnnounced("Bổ sung dấu hiệu") with
        {
            AffectedSystem = null, Impact = new ImpactAssessment(null, null, null, null, null, null), IncidentNumber = incident.Number,
            Observables = [new Observable("ip", "203.0.113.9")], Tlp = "RED",
        };

        await BatchTriage.TriageAsync(services, Received(now.AddMinutes(1), observables, "web"));

        var after = await IncidentAsync(database);
        Assert.Equal((2, 0, true), (after.ReportCount, after.SeverityLevel, after.SeverityOverridden)); // scored on unknowns, it would read Low
        Assert.Equal("RED", after.Tlp); // staff may still raise the TLP with a follow-up that states nothing else
        var summaries = await SummariesAsync(database);
        Assert.Contains(summaries, s => s.Contains("được gộp vào sự cố (báo cáo thứ 2)", StringComparison.Ordinal));
        Assert.DoesNotContain(summaries, s => s.Contains("Mức độ nâng", StringComparison.Ordinal));
        await using var check = database.NewContext();
        // The triaged entry the TLP raise wrote carries the incident's assessment, not this report's unknowns-only score.
        var triaged = await check.TimelineEntries.AsNoTracking().Where(e => e.Kind == TimelineKinds.Triaged).OrderBy(e => e.Sequence).ToListAsync(Cancel);
        Assert.Equal(2, triaged.Count);
        using var shown = System.Text.Json.JsonDocument.Parse(triaged[1].Data!);
        Assert.Equal(after.Score, shown.RootElement.GetProperty("assessment").GetProperty("score").GetInt32());
        Assert.Equal(after.PolicyVersion, shown.RootElement.GetProperty("assessment").GetProperty("policyVersion").GetString());
        Assert.Contains($"(điểm {after.Score},", triaged[1].SummaryVi, StringComparison.Ordinal);
        Assert.Contains("203.0.113.9", (await check.Search.AsNoTracking().SingleAsync(r => r.IncidentId == incident.Id, Cancel)).Terms, StringComparison.Ordinal);
    }

    private static ReportReceived Received(DateTimeOffset at, IncidentReport report, string channel = "email") => new(NewId.NextGuid(), at, channel, "Người báo", report);

    private static async Task<List<Incident>> IncidentsAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Incidents.AsNoTracking().ToListAsync(Cancel);
    }

    private static async Task<Incident> IncidentAsync(SqliteDatabase database) => (await IncidentsAsync(database)).Single();

    private static async Task<List<string>> SummariesAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        return await db.TimelineEntries.AsNoTracking().Select(e => e.SummaryVi).ToListAsync(Cancel);
    }
}
