using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(Options.Create(new TriageOptions()))
            .AddSingleton(ShippedRules.RuleBook)
            .AddSingleton<IncidentNumbers>()
            .AddSingleton<TriageBatcher>()
            .AddScoped<ReportTriage>()
            .AddScoped<IncidentResponse.Triage.Data.TriageDbContext>(_ => database.NewContext())
            .BuildServiceProvider();
        var now = TimeProvider.System.GetUtcNow();

        await TriageAsync(services, Received(now, now.AddHours(-1)));
        await TriageAsync(services, Received(now.AddSeconds(1), now.AddDays(-2)));
        Assert.Equal(now.AddDays(-2), await DetectedAtAsync(database));

        var before = TimeProvider.System.GetUtcNow();
        await TriageAsync(services, Received(now.AddSeconds(2), now.AddDays(-200)));
        var after = TimeProvider.System.GetUtcNow();
        var detected = await DetectedAtAsync(database);
        Assert.InRange(detected, before.AddDays(-30), after.AddDays(-30));
    }

    private static ReportReceived Received(DateTimeOffset at, DateTimeOffset detectedAt)
    {
        var report = SampleReports.DdosAsAnnounced("Cổng dịch vụ công");
        return new(NewId.NextGuid(), at, "email", "Người báo", report with { DetectedAt = detectedAt });
    }

    private static async Task TriageAsync(IServiceProvider services, ReportReceived message)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync([message], Cancel);
    }

    private static async Task<DateTimeOffset> DetectedAtAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.Incidents.AsNoTracking().SingleAsync(Cancel)).DetectedAt;
    }
}
