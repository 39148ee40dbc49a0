using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// What notifications reports lands on the incident's timeline once per message, also when another
/// message about the same incident takes the next sequence number first (MassTransit's in-memory
/// test bus, no retry configured: the consumer must settle the race itself).
/// </summary>
public sealed class PartnerActivityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_unit_engaged_that_loses_the_race_for_the_next_timeline_entry_is_appended_after_the_winner_once()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        var race = new AppendBeforeFirstSave(database, incident.Id);
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<TriageDbContext>(_ => database.NewContext(race))
            .AddMassTransitTestHarness(bus => bus.AddConsumer<PartnerActivityConsumer>())
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var engaged = new UnitEngaged(NewId.NextGuid(), incident.Id, incident.Number, "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh", "rule", "2026.1", 3, false, 1,
            TimeProvider.System.GetUtcNow());
        var messageId = NewId.NextGuid();
        await harness.Bus.Publish(engaged, c => c.MessageId = messageId, Cancel);
        var consumer = harness.GetConsumerHarness<PartnerActivityConsumer>();
        Assert.True(await consumer.Consumed.Any<UnitEngaged>(Cancel));
        await harness.Bus.Publish(engaged, c => c.MessageId = messageId, Cancel); // delivered again
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // (the harness lists a message id once)

        Assert.True(race.Appended); // the race did happen before the consumer's first save
        Assert.False(await harness.Published.Any<Fault<UnitEngaged>>(Cancel));
        await using var db = database.NewContext();
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).ToListAsync(Cancel);
        Assert.Equal(["racing-note", TimelineKinds.UnitEngaged], entries.Select(e => e.Kind));
        var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);
        Assert.True((await db.VerifyAsync(stored, Cancel)).Valid);
    }

    /// <summary>Before the first save that appends to the timeline, appends an entry to the same incident through another connection, once.</summary>
    private sealed class AppendBeforeFirstSave(SqliteDatabase database, Guid incidentId) : SaveChangesInterceptor
    {
        private int _done;

        public bool Appended { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<TimelineEntry>().Any(e => e.State == EntityState.Added) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await using var db = database.NewContext();
                var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, cancellationToken);
                db.Append(incident, "racing-note", new Actor("test", "test", "test"), TimeProvider.System.GetUtcNow(), "ghi chú", "note");
                await db.SaveChangesAsync(cancellationToken);
                Appended = true;
            }

            return result;
        }
    }
}
