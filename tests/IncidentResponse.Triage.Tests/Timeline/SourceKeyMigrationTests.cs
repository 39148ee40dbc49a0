using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>
/// The migration that gives timeline entries their source keys keys the units engaged and notices delivered an
/// earlier version put on (the first of each, where it put one on twice), so that the same message applied by the
/// earlier version and given again after the upgrade appends nothing; and the chains still verify.
/// </summary>
public sealed class SourceKeyMigrationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Actor Notifications = new("system:notifications", "Hệ thống thông báo / notifications", "system");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_of_an_earlier_version_are_keyed_by_their_engagement_or_notification_on_SQLite()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await KeyedFromTheirDataAsync(() => database.NewContext());
    }

    [Fact]
    public async Task Entries_of_an_earlier_version_are_keyed_by_their_engagement_or_notification_on_PostgreSQL()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-source-keys");
        await KeyedFromTheirDataAsync(() => database.NewContext());
    }

    private static async Task KeyedFromTheirDataAsync(Func<TriageDbContext> newContext)
    {
        var incident = await TestIncidents.OpenAsync(newContext);
        var now = TimeProvider.System.GetUtcNow();
        var engaged = new UnitEngaged(NewId.NextGuid(), incident.Id, incident.Number, "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh", "rule", "2026.1", 3, false, 1, now);
        var delivered = new NotificationDelivered(NewId.NextGuid(), incident.Id, incident.Number, "vnpt-bn", "Nguyễn Văn A", "email", "a@example.invalid", 1, "250 OK", now);
        await using (var db = newContext())
        {
            // As an earlier version wrote them: no source key; the unit twice (it did happen).
            var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);
            foreach (var e in new[] { PartnerActivityConsumer.Entry(engaged), PartnerActivityConsumer.Entry(engaged), PartnerActivityConsumer.Entry(delivered) })
            {
                db.Append(stored, e.Kind, e.Actor, e.At, e.SummaryVi, e.SummaryEn, e.Data);
            }

            db.Append(stored, TimelineKinds.NoteAdded, Notifications, now, "ghi chú", "note", new { note = 1 });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var db = newContext())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("TimelineKeyIds", Cancel); // back to before source keys
            await migrator.MigrateAsync(null, Cancel);
        }

        await using (var db = newContext())
        {
            var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).ToListAsync(Cancel);
            Assert.Equal([$"engaged:{engaged.EngagementId}", null, $"delivered:{delivered.NotificationId}", null], entries.Select(e => e.SourceKey));
            Assert.Equal(0, await db.AppendOnceAsync([PartnerActivityConsumer.Entry(engaged with { Repeat = true }), PartnerActivityConsumer.Entry(delivered)], Cancel));
            var stored = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel);
            Assert.Equal(4, stored.TimelineLength);
            var check = await db.VerifyAsync(stored, Cancel);
            Assert.True(check.Valid, string.Join("; ", check.Problems));
        }
    }
}
