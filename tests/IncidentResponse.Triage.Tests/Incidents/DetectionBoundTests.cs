using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// A correlated report that learned of an earlier detection moves the incident's detection time (and its
/// legal due times) back, but never to before the look-back bound: a false time far in the past would start
/// new duties already overdue (review H5).
/// </summary>
public sealed class DetectionBoundTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correlated_report_moves_detection_earlier_but_not_past_the_look_back_bound()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database);
        var now = TimeProvider.System.GetUtcNow();

        await BatchTriage.TriageAsync(services, Received(now, now.AddHours(-1)));
        await BatchTriage.TriageAsync(services, Received(now.AddSeconds(1), now.AddDays(-2)));
        Assert.Equal(now.AddDays(-2), await DetectedAtAsync(database));

        await BatchTriage.TriageAsync(services, Received(now.AddSeconds(2), now.AddDays(-200)));
        Assert.Equal(now.AddSeconds(2).AddDays(-30), await DetectedAtAsync(database)); // the bound before that report's receipt
    }

    [Fact]
    public async Task A_report_opening_an_incident_with_a_time_before_every_legal_regime_opens_it_at_the_bound_and_says_so()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = BatchTriage.Services(database);
        var now = TimeProvider.System.GetUtcNow();
        var claimed = new DateTimeOffset(2009, 6, 1, 0, 0, 0, TimeSpan.Zero); // InForceAt threw: the report was never triaged

        await BatchTriage.TriageAsync(services, Received(now, claimed));

        Assert.Equal(now.AddDays(-30), await DetectedAtAsync(database));
        await using var db = database.NewContext();
        var opened = await db.TimelineEntries.AsNoTracking().SingleAsync(e => e.Kind == "incident-opened", Cancel);
        Assert.Contains("thời điểm phát hiện báo cáo nêu (01/06/2009 07:00 (UTC+07:00)) quá giới hạn trước khi nhận", opened.SummaryVi, StringComparison.Ordinal);
        Assert.Contains("is beyond the bound before receipt", opened.SummaryEn, StringComparison.Ordinal);
    }

    private static ReportReceived Received(DateTimeOffset at, DateTimeOffset detectedAt)
    {
        var report = SampleReports.DdosAsAnnounced("Cổng dịch vụ công");
        return new(NewId.NextGuid(), at, "email", "Người báo", report with { DetectedAt = detectedAt });
    }

    private static async Task<DateTimeOffset> DetectedAtAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.Incidents.AsNoTracking().SingleAsync(Cancel)).DetectedAt;
    }
}
