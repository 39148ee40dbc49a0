using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentResponse.Notifications.Tests.Analytics;

/// <summary>
/// The migration that brings analytics their columns fills them for incidents an earlier version holds: opened when the
/// first unit was engaged, closed when the copy last changed, one duty row per stored deadline (its due time and state).
/// </summary>
public abstract class AnalyticsMigrationTests
{
    private static readonly DateTimeOffset Engaged = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<EngagementWorld> WorldAsync();

    [Fact]
    public async Task Copies_held_before_the_migration_get_their_opening_closing_and_duties()
    {
        await using var world = await WorldAsync();
        var id = Guid.NewGuid();
        LegalDeadline[] deadlines =
        [
            new("initial-report", Engaged.AddHours(24), "vn-2026-07", "Báo cáo ban đầu", "Initial report", "Điều 11", ["VNCERT/CC"], DutyStates.Submitted),
            new("closing-report", Engaged.AddDays(3).AddMinutes(7), "vn-2026-07", "Báo cáo kết thúc", "Closing report", "Điều 12", ["VNCERT/CC"]),
        ];
        await world.WithDbAsync(db =>
        {
            db.Incidents.Add(new IncidentCopy
            {
                IncidentId = id, Number = "SC-2026-88001", Title = "DDoS", Classification = "availability:ddos", SeverityLevel = 4, Tlp = "AMBER",
                Deadlines = JsonSerializer.Serialize(deadlines, DirectoryJson.Options), Status = IncidentStatuses.Closed, StateVersion = 3,
                UpdatedAt = Engaged.AddHours(5),
            });
            db.Engagements.Add(new Engagement
            {
                Id = Guid.NewGuid(), IncidentId = id, IncidentNumber = "SC-2026-88001", UnitCode = "vnpt-bn", RuleId = "r", RoutingVersion = "2026.1",
                EngagedAt = Engaged, AnnouncedAt = Engaged,
            });
            return db.SaveChangesAsync(Cancel);
        });

        await world.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("IssuedDocumentCopies", Cancel); // back to before analytics
            await migrator.MigrateAsync(null, Cancel);
            return 0;
        });

        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == id, Cancel));
        var duties = await world.WithDbAsync(db => db.IncidentDuties.AsNoTracking().Where(d => d.IncidentId == id).OrderBy(d => d.DueAt).ToListAsync(Cancel));
        Assert.Equal((Engaged, Engaged.AddHours(5)), (copy.OpenedAt, copy.ClosedAt));
        Assert.Equal(
            [("initial-report", Engaged.AddHours(24), DutyStates.Submitted), ("closing-report", Engaged.AddDays(3).AddMinutes(7), DutyStates.Due)],
            duties.Select(d => (d.Kind, d.DueAt, d.State)));
    }
}

public sealed class SqliteAnalyticsMigrationTests : AnalyticsMigrationTests
{
    protected override Task<EngagementWorld> WorldAsync() => EngagementWorld.SqliteAsync();
}

public sealed class PostgresAnalyticsMigrationTests(InfrastructureFixture infrastructure) : AnalyticsMigrationTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<EngagementWorld> WorldAsync() =>
        await EngagementWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("analytics_mig_" + Guid.NewGuid().ToString("N")[..12]));
}
