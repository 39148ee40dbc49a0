using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// The sweep fires due steps in batches, one transaction each. A batch that cannot be applied as a
/// whole is not applied at all, and its steps are fired one by one: nothing twice, nothing lost.
/// </summary>
public sealed class SweepBatchTests
{
    private const string OneStep = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: one-step
            name: { vi: "Một bước", en: "One step" }
            steps:
              - after: 90s
                targets: [{ unit: self }]
              - after: 15m
                targets: [{ unit: bcd-bn }]
            acknowledgementTimeout: PT2H
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_whose_chain_is_acknowledged_before_it_saves_is_fired_one_by_one_and_that_chain_does_not_page()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        var ids = await world.EngageManyAsync(40);

        var race = new AcknowledgeBeforeFirstBatchSaves(world);
        world.Interceptor = race;
        world.Clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(40, await world.SweepAsync());

        var victim = Assert.IsType<Guid>(race.Acknowledged); // a batch of several steps was about to save
        Assert.Empty(await world.FiredAsync(victim));
        Assert.Equal(ChainStates.Acknowledged, (await world.ChainAsync(victim)).State);
        foreach (var id in ids.Where(id => id != victim))
        {
            var fired = Assert.Single(await world.FiredAsync(id));
            Assert.Equal((1, 1), (fired.Round, fired.Step));
            Assert.Equal(2, (await world.ChainAsync(id)).NextStep);
        }

        Assert.Equal(39, (await world.PublishedAsync()).Count(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)));
        Assert.Equal(0, await world.SweepAsync());
    }

    [Fact]
    public async Task A_chain_that_cannot_fire_fails_alone_and_stays_due_while_the_rest_of_its_batch_fires()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        var ids = await world.EngageManyAsync(10);

        var broken = ids[4];
        await using (var db = world.NewContext())
        {
            // Its policy version is no longer in the rules directory.
            await db.Chains.Where(c => c.Id == broken).ExecuteUpdateAsync(s => s.SetProperty(c => c.PolicyVersion, "gone"), Cancel);
        }

        world.Clock.Advance(TimeSpan.FromSeconds(90));
        await world.Scheduler.UnscheduleJob(world.Timers.PendingKey(await world.ChainAsync(broken))!, Cancel); // its firing took it
        Assert.Equal(10, await world.SweepAsync());

        Assert.Empty(await world.FiredAsync(broken));
        var stuck = await world.ChainAsync(broken);
        Assert.Equal((ChainStates.Active, 1), (stuck.State, stuck.NextStep));
        Assert.NotNull(stuck.NextDueAt);
        Assert.All(ids.Where(id => id != broken), id => Assert.Single(world.FiredAsync(id).GetAwaiter().GetResult()));
        Assert.Equal(9, (await world.PublishedAsync()).Count(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)));

        // Tried again a reconcile interval later, not at once: a wake-up starting now would fail again in a tight loop.
        var retry = await world.Scheduler.GetTrigger(world.Timers.PendingKey(stuck)!, Cancel);
        Assert.Equal(world.Clock.GetUtcNow() + new EscalationOptions().ReconcileInterval, retry!.StartTimeUtc);
    }

    /// <summary>
    /// When the first save that fires several steps begins, acknowledges one of its chains through
    /// another connection (the milestones consumer winning the race), once.
    /// </summary>
    private sealed class AcknowledgeBeforeFirstBatchSaves(EscalationWorld world) : SaveChangesInterceptor
    {
        private int _done;

        public Guid? Acknowledged { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var firing = eventData.Context!.ChangeTracker.Entries<FiredStep>().Where(e => e.State == EntityState.Added).ToList();
            if (firing.Count > 1 && Interlocked.Exchange(ref _done, 1) == 0)
            {
                var victim = firing[0].Entity.ChainId;
                await using var db = world.NewContext();
                var chain = await db.Chains.SingleAsync(c => c.Id == victim, cancellationToken);
                ChainTransitions.Acknowledge(chain, world.Policies.Find(chain.PolicyId, chain.PolicyVersion), world.Time.GetUtcNow());
                chain.Version++;
                await db.SaveChangesAsync(cancellationToken);
                Acknowledged = victim;
            }

            return result;
        }
    }
}
