using IncidentResponse.Contracts.Notifications;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Testing;
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
/// On PostgreSQL, messages about one incident that arrive together (each unit engaged, each notice
/// delivered) take turns on the incident's row lock: every one lands on the timeline, in a chain that
/// verifies, and none of them loses a race and has to try again.
/// </summary>
public sealed class TimelineLockTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const int Messages = 20;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_units_engaged_at_once_are_appended_one_after_another_without_a_lost_race()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-lock");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        var conflicts = new ConflictCounter();
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<TriageDbContext>(_ => database.NewContext(conflicts))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<PartnerActivityConsumer>();
                bus.UsingInMemory((context, configure) =>
                {
                    configure.ConcurrentMessageLimit = Messages; // all of them in flight together
                    configure.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var now = TimeProvider.System.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(1, Messages).Select(i => harness.Bus.Publish(
            new UnitEngaged(NewId.NextGuid(), incident.Id, incident.Number, $"unit-{i:D2}", $"Đơn vị {i}", $"Unit {i}", "rule", "2026.1", 3, false, 1, now),
            Cancel)));
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.False(await harness.Published.Any<Fault<UnitEngaged>>(Cancel));
        await using var db = database.NewContext();
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).ToListAsync(Cancel);
        Assert.Equal(Messages, entries.Count);
        Assert.Equal(Messages, entries.Select(e => e.Data).Distinct().Count());
        var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);
        Assert.True((await db.VerifyAsync(stored, Cancel)).Valid);
        Assert.Equal(0, conflicts.Count); // nobody computed a sequence number another had taken
    }

    /// <summary>Counts saves that failed because another transaction changed the incident or took the sequence number first.</summary>
    private sealed class ConflictCounter : SaveChangesInterceptor
    {
        private int _count;

        public int Count => _count;

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Exception is DbUpdateException update && Conflicts.IsConflict(update))
            {
                Interlocked.Increment(ref _count);
            }

            return Task.CompletedTask;
        }
    }
}
