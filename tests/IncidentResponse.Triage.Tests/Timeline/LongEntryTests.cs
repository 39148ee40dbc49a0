using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>
/// On PostgreSQL, which holds every column to its length, a timeline entry quotes a text of any
/// accepted length whole, and a timeline written before the summaries became text still verifies.
/// </summary>
public sealed class LongEntryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    /// <summary>The last migration with summaries of at most 2,000 characters.</summary>
    private const string BeforeText = "20261202182008_ParkedMessages";

    /// <summary>
    /// Columns that migrations after the text one add: the test writes with today's model on the old
    /// schema, so they are there while it writes and gone before the migrations run. The entries it writes
    /// are then hashed as entries were before the chain was keyed (legacy, no key id).
    /// </summary>
    private const string AddLaterColumns =
        "ALTER TABLE triage.incidents ADD COLUMN drill boolean NOT NULL DEFAULT false, ADD COLUMN national_security_or_public_order boolean NOT NULL DEFAULT false, "
        + "ADD COLUMN search_indexed boolean NOT NULL DEFAULT false; "
        + "ALTER TABLE triage.timeline_entries ADD COLUMN key_id character varying(16), ADD COLUMN source_key character varying(100)";

    private const string DropLaterColumns =
        "ALTER TABLE triage.incidents DROP COLUMN drill, DROP COLUMN national_security_or_public_order, DROP COLUMN search_indexed; ALTER TABLE triage.timeline_entries DROP COLUMN key_id, DROP COLUMN source_key";

    private static readonly Actor Officer = new("user:tran-thi-b", "Trần Thị B", "web");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_timeline_written_before_the_migration_still_verifies_and_then_takes_a_ten_thousand_character_note()
    {
        var database = new PostgresDatabase(await infrastructure.CreateDatabaseAsync(TestNames.Unique("triage-long")));
        await using (var db = database.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeText, Cancel);
            await db.Database.ExecuteSqlRawAsync(AddLaterColumns, Cancel);
        }

        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await using (var db = database.NewContext())
        {
            var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);
            db.Append(stored, TimelineKinds.NoteAdded, Officer, TimeProvider.System.GetUtcNow(), "Đã chặn IP nguồn", "Source IP blocked", new { note = 1 });
            db.Append(stored, TimelineKinds.NoteAdded, Officer, TimeProvider.System.GetUtcNow(), new string('v', 2000), new string('e', 2000), new { note = 2 });
            await db.SaveChangesAsync(Cancel);
            await SealedTimelines.RecomputeUnkeyedAsync(db, incident.Id, dropKeyIds: true);
        }

        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(DropLaterColumns, Cancel);
            await db.Database.MigrateAsync(Cancel);
        }

        var note = string.Concat(Enumerable.Repeat("Ghi chú dài. ", 800))[..10_000];
        await using (var db = database.NewContext())
        {
            var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);
            Assert.True((await db.VerifyAsync(stored, Cancel)).Valid); // as written before the migration
            db.Append(stored, TimelineKinds.NoteAdded, Officer, TimeProvider.System.GetUtcNow(), note, note, new { note });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var check = database.NewContext())
        {
            var stored = await check.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel);
            var verification = await check.VerifyAsync(stored, Cancel);
            Assert.True(verification.Valid, string.Join("; ", verification.Problems));
            Assert.Equal((3, 2, 1), (verification.Entries, verification.LegacyEntries, verification.KeyedEntries));
            Assert.Equal(note, (await check.TimelineEntries.AsNoTracking().SingleAsync(e => e.IncidentId == incident.Id && e.Sequence == 3, Cancel)).SummaryVi);
        }
    }

    [Fact]
    public async Task A_partners_longest_note_under_a_long_name_lands_on_the_timeline()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-partner-note");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<TriageDbContext>(_ => database.NewContext())
            .AddMassTransitTestHarness(bus => bus.AddConsumer<EngagementActivityConsumer>())
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        // Notifications accepts notes of 4,000 characters and keeps names of up to 300 (the timeline's column holds 200).
        var text = string.Concat(Enumerable.Repeat("Đã cô lập máy chủ bị nhiễm. ", 200))[..4000];
        var name = new string('N', 300);
        await harness.Bus.Publish(new EngagementNoteAdded(NewId.NextGuid(), NewId.NextGuid(), incident.Id, incident.Number, "vnpt-bn", text, name, "api",
            TimeProvider.System.GetUtcNow()), Cancel);
        Assert.True(await harness.Consumed.Any<EngagementNoteAdded>(Cancel));
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.False(await harness.Published.Any<Fault<EngagementNoteAdded>>(Cancel));
        await using var db = database.NewContext();
        var entry = await db.TimelineEntries.AsNoTracking().SingleAsync(e => e.IncidentId == incident.Id, Cancel);
        Assert.Equal(TimelineKinds.UnitNote, entry.Kind);
        Assert.Contains(text, entry.SummaryVi, StringComparison.Ordinal);
        Assert.Contains(text, entry.SummaryEn, StringComparison.Ordinal);
        Assert.Equal(new string('N', TimelineEntry.MaxActorName), entry.ActorName);
        var stored = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel);
        Assert.True((await db.VerifyAsync(stored, Cancel)).Valid);
    }
}
