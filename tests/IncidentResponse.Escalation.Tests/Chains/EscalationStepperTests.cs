using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;
using static IncidentResponse.Escalation.Tests.Policies.PolicyFileTests;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// Whole chains on a fake clock against a real database and a real Quartz store: steps in order,
/// repeats, exhaustion, skips, acknowledgement, its timeout, and firings that come too late or twice.
/// </summary>
public sealed class EscalationStepperTests
{
    private const string TwoSteps = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: two-steps
            name: { vi: "Hai bước", en: "Two steps" }
            steps:
              - after: 90s
                targets: [{ oncall: self }]
              - after: 15m
                targets: [{ person: bcd-tran-thi-binh }, { unit: bcd-bn }, { webhook: "https://hooks.example.invalid/page", secretRef: bcd-hook }]
            repeat: "1"
            acknowledgementTimeout: PT2H
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_acknowledgement_step_1_then_step_2_fire_the_policy_repeats_once_then_the_chain_is_exhausted()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var id = await world.EngageAsync("vnpt-bn", names: ("Viễn thông Bắc Ninh (VNPT Bắc Ninh)", "VNPT Bắc Ninh (telecom operator)"));
        var start = world.Clock.GetUtcNow();
        Assert.Equal(start.AddSeconds(90), (await world.ChainAsync(id)).NextDueAt);

        await world.FireDueAsync(id); // r1 s1 at +90 s
        await world.FireDueAsync(id); // r1 s2 at +16.5 min
        await world.FireDueAsync(id); // r2 s1 at +18 min
        await world.FireDueAsync(id); // r2 s2 at +33 min

        var fired = await world.FiredAsync(id);
        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2)], fired.Select(s => (s.Round, s.Step)));
        Assert.Equal([start.AddSeconds(90), start.AddSeconds(90 + 900), start.AddSeconds(90 + 900 + 90), start.AddSeconds(90 + 900 + 90 + 900)],
            fired.Select(s => s.FiredAt));
        Assert.All(fired, s => Assert.Equal("paged", s.Outcome));
        var chain = await world.ChainAsync(id);
        Assert.Equal(ChainStates.Exhausted, chain.State);
        Assert.Null(chain.NextDueAt);
        Assert.Null(world.Timers.PendingKey(chain));
        Assert.Equal(0, await world.SweepAsync()); // nothing is due any more

        var published = await world.PublishedAsync();
        Assert.Equal(4, published.Count(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)));
        var exhausted = System.Text.RegularExpressions.Regex.Unescape(Assert.Single(published, p => p.Type.EndsWith("EscalationExhausted", StringComparison.Ordinal)).Body);
        Assert.Contains("Viễn thông Bắc Ninh (VNPT Bắc Ninh)", exhausted, StringComparison.Ordinal); // the timeline names the unit, as its engagement did
        Assert.Contains("VNPT Bắc Ninh (telecom operator)", exhausted, StringComparison.Ordinal);
        var first = published.First(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)).Body;
        Assert.Contains("vnpt-pham-minh-duc", first, StringComparison.Ordinal); // on call for VNPT on a weekday morning
        Assert.Contains("oncall:vnpt-bn/vnpt-bn-soc", first, StringComparison.Ordinal);
        var second = published.Where(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)).ElementAt(1).Body;
        Assert.Contains("bcd-tran-thi-binh", second, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.invalid/page", second, StringComparison.Ordinal);
        Assert.Contains("bcd-hook", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_fires_once_however_often_or_late_its_timer_goes_off()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var id = await world.EngageAsync();
        world.Clock.Advance(TimeSpan.FromHours(3)); // the Host was down: the timer fires late

        await using (var db = world.NewContext())
        {
            await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 1, Cancel);
        }

        await using (var db = world.NewContext())
        {
            await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 1, Cancel); // the same firing again (recovery, a second node)
            await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 3, Cancel); // a step the chain does not wait for
            await world.Stepper(db).FireAsync(id, TimerKinds.AcknowledgementTimeout, 1, 2, Cancel); // a timer the chain does not have
        }

        var fired = Assert.Single(await world.FiredAsync(id));
        Assert.Equal((1, 1), (fired.Round, fired.Step));
        Assert.Equal(EscalationWorld.Start.AddSeconds(90), fired.DueAt);
        Assert.Equal(EscalationWorld.Start.AddHours(3), fired.FiredAt);
        Assert.Single(await world.PublishedAsync(), p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal));
        var chain = await world.ChainAsync(id);
        Assert.Equal(2, chain.NextStep);
        Assert.Equal(EscalationWorld.Start.AddHours(3).AddMinutes(15), chain.NextDueAt); // the next delay counts from when the step fired
    }

    [Fact]
    public async Task Chains_due_together_share_one_wake_up_and_one_sweep_fires_each_of_them_once()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await world.EngageAsync(i % 2 == 0 ? "vnpt-bn" : "viettel-bn"));
        }

        Assert.Single(await world.Scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(EscalationTimers.Group), Cancel));
        world.Clock.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(0, await world.SweepAsync()); // a second early: nothing yet
        world.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(40, await world.SweepAsync());
        Assert.Equal(0, await world.SweepAsync()); // a second sweep (another Host, a repeated firing) finds nothing due

        foreach (var id in ids)
        {
            var fired = Assert.Single(await world.FiredAsync(id));
            Assert.Equal((1, 1, "paged"), (fired.Round, fired.Step, fired.Outcome));
            Assert.Equal(2, (await world.ChainAsync(id)).NextStep);
        }

        Assert.Equal(40, (await world.PublishedAsync()).Count(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)));
        var next = world.Timers.PendingKey(await world.ChainAsync(ids[0]))!;
        Assert.All(ids, id => Assert.Equal(next, world.Timers.PendingKey(world.ChainAsync(id).GetAwaiter().GetResult())));
        Assert.Equal(TriggerState.Normal, await world.Scheduler.GetTriggerState(next, Cancel)); // the next steps share the next wake-up
    }

    [Fact]
    public async Task A_step_whose_unit_has_nobody_on_call_is_skipped_recorded_and_the_chain_moves_on()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy("t.1", "2026-01-01T00:00:00+07:00", "1m", "[{ oncall: a05 }]", repeat: "1"));
        var id = await world.EngageAsync("a05", names: ("Phòng An ninh mạng (Công an tỉnh)", "Cybersecurity Division (provincial police)"));

        await world.FireDueAsync(id);

        var fired = Assert.Single(await world.FiredAsync(id));
        Assert.Equal("skipped", fired.Outcome);
        Assert.Contains("unit Cybersecurity Division (provincial police) has no on-call schedule", fired.Detail, StringComparison.Ordinal);
        var published = await world.PublishedAsync();
        var skipped = Assert.Single(published, p => p.Type.EndsWith("EscalationStepSkipped", StringComparison.Ordinal));
        Assert.Contains("no-oncall", skipped.Body, StringComparison.Ordinal);
        var skippedText = System.Text.RegularExpressions.Regex.Unescape(skipped.Body);
        Assert.Contains("đơn vị Phòng An ninh mạng (Công an tỉnh) không có lịch trực", skippedText, StringComparison.Ordinal);
        Assert.Contains("\"UnitNameVi\":\"Phòng An ninh mạng (Công an tỉnh)\"", skippedText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(published, p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal));
        Assert.Equal((2, 1), ((await world.ChainAsync(id)).Round, (await world.ChainAsync(id)).NextStep));
    }

    [Fact]
    public async Task An_acknowledgement_stops_the_steps_and_its_timeout_starts_the_chain_again_from_step_1()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var id = await world.EngageAsync();
        await world.FireDueAsync(id);
        var stepDue = (await world.ChainAsync(id)).NextDueAt!.Value;
        world.Clock.Advance(TimeSpan.FromMinutes(2));

        await AcknowledgeAsync(world, id);

        var chain = await world.ChainAsync(id);
        Assert.Equal(ChainStates.Acknowledged, chain.State);
        Assert.Equal(TimerKinds.AcknowledgementTimeout, chain.NextTimer);
        Assert.Equal(world.Clock.GetUtcNow().AddHours(2), chain.NextDueAt);

        // The step's wake-up may still go off at its old time: the sweep finds nothing due.
        world.Clock.SetUtcNow(stepDue);
        Assert.Equal(0, await world.SweepAsync());
        await using (var db = world.NewContext())
        {
            await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 2, Cancel); // the cancelled step fired by an old trigger: nothing happens
        }

        Assert.Single(await world.FiredAsync(id));

        await world.FireDueAsync(id); // two hours and nobody accepted: page again, from step 1, round 2

        var fired = await world.FiredAsync(id);
        Assert.Equal([(1, 1, false), (2, 1, true)], fired.Select(s => (s.Round, s.Step, s.Retrigger)));
        chain = await world.ChainAsync(id);
        Assert.Equal(ChainStates.Active, chain.State);
        Assert.Equal((2, 2, TimerKinds.Step), (chain.Round, chain.NextStep, chain.NextTimer));
        var retrigger = (await world.PublishedAsync()).Last(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal)).Body;
        Assert.Contains("\"retrigger\":true", retrigger, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Accepting_ends_the_chain_and_nothing_fires_afterwards()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var id = await world.EngageAsync();

        await using (var db = world.NewContext())
        {
            var chain = await db.Chains.SingleAsync(c => c.Id == id, Cancel);
            Assert.True(ChainTransitions.End(chain, world.Clock.GetUtcNow()));
            Assert.False(ChainTransitions.Acknowledge(chain, null, world.Clock.GetUtcNow())); // a late acknowledgement does not reopen it
            await db.SaveChangesAsync(Cancel);
        }

        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await world.SweepAsync()); // the wake-up set at the engagement goes off: nothing is due
        await using (var db = world.NewContext())
        {
            await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 1, Cancel);
        }

        Assert.Empty(await world.FiredAsync(id));
        Assert.Null((await world.ChainAsync(id)).NextDueAt);
        Assert.Equal(ChainStates.Ended, (await world.ChainAsync(id)).State);
    }

    [Fact]
    public async Task An_acknowledgement_racing_a_due_step_run_many_times_never_lets_the_step_page_after_the_acknowledgement()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps, realTime: true);
        var pagedBeforeAck = 0;
        var suppressed = 0;
        for (var i = 0; i < 30; i++)
        {
            var id = await world.EngageAsync();
            var fire = Task.Run(async () =>
            {
                await using var db = world.NewContext();
                await world.Stepper(db).FireAsync(id, TimerKinds.Step, 1, 1, Cancel);
            }, Cancel);
            var ack = Task.Run(() => AcknowledgeAsync(world, id), Cancel);
            await Task.WhenAll(fire, ack);

            var chain = await world.ChainAsync(id);
            Assert.Equal(ChainStates.Acknowledged, chain.State);
            var fired = await world.FiredAsync(id);
            if (fired.Count == 0)
            {
                suppressed++;
                continue;
            }

            // The step won: it committed before the acknowledgement was recorded, never after.
            var step = Assert.Single(fired);
            Assert.True(step.FiredAt <= chain.AcknowledgedAt, $"iteration {i}: step fired at {step.FiredAt:O}, after the acknowledgement at {chain.AcknowledgedAt:O}");
            pagedBeforeAck++;
        }

        Assert.Equal(30, pagedBeforeAck + suppressed);
        var dues = (await world.PublishedAsync()).Count(p => p.Type.EndsWith("EscalationStepDue", StringComparison.Ordinal));
        Assert.Equal(pagedBeforeAck, dues);
    }

    /// <summary>What the milestones consumer does with an acknowledgement, in its own transaction with the same retry.</summary>
    private static async Task AcknowledgeAsync(EscalationWorld world, Guid id)
    {
        await using var db = world.NewContext();
        var chain = await db.RetryOnConflictAsync(async () =>
        {
            var chain = await db.Chains.SingleAsync(c => c.Id == id, Cancel);
            ChainTransitions.Acknowledge(chain, world.Policies.Find(chain.PolicyId, chain.PolicyVersion), world.Time.GetUtcNow());
            chain.Version++;
            await db.SaveChangesAsync(Cancel);
            return chain;
        }, Cancel);
        await world.Timers.ScheduleAsync(chain, Cancel);
    }

    [Fact]
    public async Task The_reconciler_gives_back_every_lost_trigger_and_leaves_the_others_alone()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var kept = await world.EngageAsync();
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        var lost = new[] { await world.EngageAsync(), await world.EngageAsync("viettel-bn") }; // due together: one wake-up
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        var alsoLost = await world.EngageAsync();
        foreach (var id in lost.Append(alsoLost))
        {
            // As if the Host died between the chain's commit and its wake-up.
            await world.Scheduler.UnscheduleJob(world.Timers.PendingKey(await world.ChainAsync(id))!, Cancel);
        }

        var reconciler = world.Reconciler();
        Assert.Equal(2, await reconciler.ReconcileAsync(Cancel));
        foreach (var id in lost.Append(alsoLost).Append(kept))
        {
            var chain = await world.ChainAsync(id);
            var trigger = await world.Scheduler.GetTrigger(world.Timers.PendingKey(chain)!, Cancel);
            Assert.NotNull(trigger);
            Assert.Equal(chain.NextDueAt, trigger.StartTimeUtc);
        }

        Assert.Equal(0, await reconciler.ReconcileAsync(Cancel));
        await world.FireDueAsync(lost[0]);
        Assert.Single(await world.FiredAsync(lost[0]));
    }

    [Fact]
    public async Task The_reconciler_looks_only_as_far_ahead_as_its_horizon_and_walks_many_wake_ups_a_page_at_a_time()
    {
        await using var world = await EscalationWorld.CreateAsync(TwoSteps);
        var lost = new List<Guid>();
        for (var i = 0; i < 1_203; i++)
        {
            lost.Add(await world.EngageAsync()); // first steps due 90 s ahead, each at a wake-up instant of its own
            world.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        foreach (var id in lost)
        {
            await world.Scheduler.UnscheduleJob(world.Timers.PendingKey(await world.ChainAsync(id))!, Cancel);
        }

        // A minute's horizon: the steps due at 90 s are not looked at yet, and Quartz is not asked for its wake-ups...
        var listings = new SchedulerListings(world.Scheduler);
        var reconciler = world.Reconciler(new EscalationOptions { ReconcileHorizon = TimeSpan.FromMinutes(1) }, listings.Factory);
        var firstDue = (await world.ChainAsync(lost[0])).NextDueAt!.Value;
        world.Clock.AdjustTime(firstDue - TimeSpan.FromSeconds(61));
        Assert.Equal(0, await reconciler.ReconcileAsync(Cancel));
        Assert.Null(await world.Scheduler.GetTrigger(world.Timers.PendingKey(await world.ChainAsync(lost[0]))!, Cancel));
        Assert.True(listings.Count == 0, string.Join(", ", listings.Names));

        // ...until they come within it, every one of them, over more than two pages, with one look at Quartz's wake-ups.
        world.Clock.AdjustTime(firstDue + TimeSpan.FromMilliseconds(100 * lost.Count) - TimeSpan.FromSeconds(59));
        Assert.Equal(lost.Count, await reconciler.ReconcileAsync(Cancel));
        Assert.True(listings.Count == 1, string.Join(", ", listings.Names));
        foreach (var id in lost)
        {
            Assert.NotNull(await world.Scheduler.GetTrigger(world.Timers.PendingKey(await world.ChainAsync(id))!, Cancel));
        }

        Assert.Equal(0, await reconciler.ReconcileAsync(Cancel));
    }
}
