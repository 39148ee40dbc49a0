using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Escalation.Tests.Chains;
using IncidentResponse.Escalation.Tests.Support;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Redrive;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Tests.Incidents;

/// <summary>
/// Events about one incident travel on different queues and arrive in any order: whatever the order, no chain
/// pages about a closed incident or an engagement that has moved on, and the legal clocks follow the newest
/// status. A step's page request is asked for again until notifications answers it.
/// </summary>
public sealed class OutOfOrderTests
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
                targets: [{ unit: bcd-bn }]
            repeat: "1"
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_engagement_announced_after_its_incident_closed_gets_an_ended_chain_and_is_answered()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();

        await bus.DeliverAsync(State(incident, 2, "closed"));
        var engaged = Engaged(incident, world.Clock.GetUtcNow());
        await bus.DeliverAsync(engaged);

        var chain = await world.ChainAsync(engaged.EngagementId);
        Assert.Equal(ChainStates.Ended, chain.State);
        Assert.Null(chain.NextDueAt);
        Assert.Contains(await world.PublishedAsync(), m => m.Type.EndsWith(nameof(EscalationChainsStarted), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, ChainStates.Ended)]
    [InlineData(true, ChainStates.Acknowledged)]
    public async Task A_milestone_heard_before_the_engagement_is_applied_when_its_chain_starts(bool acknowledgedOnly, string expected)
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var engaged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        var at = world.Clock.GetUtcNow();

        if (acknowledgedOnly)
        {
            await bus.DeliverAsync(new EngagementAcknowledged(engaged.EngagementId, engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode, null, "Nguyễn Văn An", "link", at));
        }
        else
        {
            await bus.DeliverAsync(new EngagementAccepted(engaged.EngagementId, engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode, "Nguyễn Văn An", "api", at));
        }

        await bus.DeliverAsync(engaged);

        Assert.Equal(expected, (await world.ChainAsync(engaged.EngagementId)).State);
    }

    [Fact]
    public async Task A_first_notice_that_failed_before_its_chain_started_makes_step_one_due_as_the_chain_starts()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var engaged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        var other = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());

        var failed = Failed(engaged, NotificationOrigins.Engagement);
        await bus.DeliverAsync(failed);
        await bus.DeliverAsync(failed); // given again (a new message): kept once
        await bus.DeliverAsync(Failed(other, NotificationOrigins.Step(1, 1))); // not the first notice: nothing to keep
        await using (var db = world.NewContext())
        {
            var kept = Assert.Single(await db.EarlyMilestones.AsNoTracking().ToListAsync(Cancel));
            Assert.Equal((engaged.EngagementId, EarlyMilestone.Failed, failed.FailedAt), (kept.EngagementId, kept.Kind, kept.At));
        }

        world.Clock.Advance(TimeSpan.FromSeconds(5));
        await bus.DeliverAsync(new UnitsEngaged([engaged, other]));

        var chain = await world.ChainAsync(engaged.EngagementId);
        Assert.Equal((ChainStates.Active, world.Clock.GetUtcNow()), (chain.State, chain.NextDueAt));
        Assert.Equal(other.EngagedAt.AddSeconds(90), (await world.ChainAsync(other.EngagementId)).NextDueAt); // its own timer
        await world.FireDueAsync(engaged.EngagementId); // the wake-up waits at once, not 90 s later
        Assert.True(world.Clock.GetUtcNow() < engaged.EngagedAt.AddSeconds(90));
        Assert.Single(await world.FiredAsync(engaged.EngagementId));
        await using var check = world.NewContext();
        Assert.Empty(await check.EarlyMilestones.AsNoTracking().ToListAsync(Cancel));
    }

    [Fact]
    public async Task Milestones_that_committed_as_their_chains_started_unseen_are_applied_when_looked_for_again()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var failed = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        var acknowledged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        await bus.DeliverAsync(new UnitsEngaged([failed, acknowledged]));
        world.Clock.Advance(TimeSpan.FromSeconds(5));
        var now = world.Clock.GetUtcNow();

        // Each milestone committed after the start had read for it, having looked for its chain before the start committed.
        await using (var db = world.NewContext())
        {
            db.EarlyMilestones.AddRange(
                new EarlyMilestone { EngagementId = failed.EngagementId, Kind = EarlyMilestone.Failed, At = now },
                new EarlyMilestone { EngagementId = acknowledged.EngagementId, Kind = EarlyMilestone.Acknowledged, At = now });
            await db.SaveChangesAsync(Cancel);
            var changed = await LateMilestones.ApplyAsync(db, world.Policies, [failed.EngagementId, acknowledged.EngagementId], now, Cancel);
            Assert.Equal(2, changed.Count);
            Assert.Empty(await LateMilestones.ApplyAsync(db, world.Policies, [failed.EngagementId], now, Cancel)); // once
        }

        Assert.Equal((ChainStates.Active, now), ((await world.ChainAsync(failed.EngagementId)).State, (await world.ChainAsync(failed.EngagementId)).NextDueAt));
        Assert.Equal(ChainStates.Acknowledged, (await world.ChainAsync(acknowledged.EngagementId)).State);
        await using var check = world.NewContext();
        Assert.Empty(await check.EarlyMilestones.AsNoTracking().ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_first_notice_that_failed_before_an_acknowledgement_starts_no_page()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var engaged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());

        await bus.DeliverAsync(Failed(engaged, NotificationOrigins.Engagement));
        await bus.DeliverAsync(new EngagementAcknowledged(
            engaged.EngagementId, engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode, null, "Nguyễn Văn An", "phone", world.Clock.GetUtcNow()));
        await bus.DeliverAsync(engaged);

        Assert.Equal(ChainStates.Acknowledged, (await world.ChainAsync(engaged.EngagementId)).State);
    }

    [Fact]
    public async Task A_close_and_a_reopen_delivered_in_reverse_order_leave_the_legal_clocks_running()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();

        await bus.DeliverAsync(State(incident, 1, "new"));
        await bus.DeliverAsync(State(incident, 3, "triage")); // reopened
        await bus.DeliverAsync(State(incident, 2, "closed")); // the close, late

        await using var db = world.NewContext();
        var clock = await db.DeadlineClocks.AsNoTracking().SingleAsync(c => c.IncidentId == incident, Cancel);
        Assert.Equal(ClockStates.Running, clock.State);
        Assert.Equal(3, (await db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == incident, Cancel)).StateVersion);
        var answers = (await world.PublishedAsync()).Where(m => m.Type.EndsWith(nameof(IncidentStatesApplied), StringComparison.Ordinal)).ToList();
        Assert.Equal(3, answers.Count); // the stale state is answered too, with the version held
        Assert.Equal(2, answers.Count(a => a.Body.Contains("\"stateVersion\":3", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_drill_gets_no_legal_clock_even_if_its_state_carried_a_deadline()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();

        await bus.DeliverAsync(State(incident, 1, "new") with { Drill = true });

        await using var db = world.NewContext();
        Assert.False(await db.DeadlineClocks.AsNoTracking().AnyAsync(c => c.IncidentId == incident, Cancel));
        Assert.Equal(1, (await db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == incident, Cancel)).StateVersion);
    }

    [Fact]
    public async Task Closing_an_incident_ends_its_running_chains()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var engaged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        await bus.DeliverAsync(engaged);
        Assert.Equal(ChainStates.Active, (await world.ChainAsync(engaged.EngagementId)).State);

        await bus.DeliverAsync(State(engaged.IncidentId, 4, "closed"));

        Assert.Equal(ChainStates.Ended, (await world.ChainAsync(engaged.EngagementId)).State);
    }

    [Fact]
    public async Task A_fired_step_whose_pages_nobody_answered_is_asked_for_again_until_notifications_answers()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var id = await world.EngageAsync("vnpt-bn");
        await world.FireDueAsync(id);
        var resender = Resender(world);
        int Requests(IReadOnlyList<(string Type, string Body)> published) => published.Count(m => m.Type.EndsWith(nameof(EscalationStepDue), StringComparison.Ordinal));
        Assert.Equal(1, Requests(await world.PublishedAsync()));

        Assert.Equal(0, await resender.RedriveAsync(Cancel)); // not yet: the answer may be on its way
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await resender.RedriveAsync(Cancel));
        Assert.Equal(2, Requests(await world.PublishedAsync()));

        var chain = await world.ChainAsync(id);
        await bus.DeliverAsync(new EscalationStepPaged(id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, 1, 1, false, ["bcd-bn"],
            world.Clock.GetUtcNow()));
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, await resender.RedriveAsync(Cancel));
        Assert.NotNull(Assert.Single(await world.FiredAsync(id)).AnsweredAt);
    }

    [Fact]
    public async Task A_milestone_whose_message_was_lost_is_learnt_from_the_next_step_notifications_skips()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var engaged = Engaged(NewId.NextGuid(), world.Clock.GetUtcNow());
        await bus.DeliverAsync(engaged);

        // EngagementAccepted never arrived; the next step finds the engagement accepted and pages nobody.
        await bus.DeliverAsync(new EscalationStepSkipped(engaged.EngagementId, engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode, "one-step", 1, 1,
            "acknowledged", "Đơn vị đã nhận xử lý", "The unit has accepted", world.Clock.GetUtcNow(), "accepted", world.Clock.GetUtcNow()));

        var chain = await world.ChainAsync(engaged.EngagementId);
        Assert.Equal(ChainStates.Ended, chain.State);
        Assert.Null(chain.NextDueAt);
    }

    [Fact]
    public async Task A_legal_deadline_alert_nobody_answered_is_sent_again_until_notifications_answers()
    {
        await using var world = await EscalationWorld.CreateAsync(OneStep);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();
        await bus.DeliverAsync(State(incident, 1, "new"));
        await using (var db = world.NewContext())
        {
            var clock = await db.DeadlineClocks.AsNoTracking().SingleAsync(c => c.IncidentId == incident, Cancel);
            world.Clock.SetUtcNow(clock.NextAlertAt!.Value);
        }

        await world.SweepAsync(); // the reminder an hour before the deadline
        int Alerts(IReadOnlyList<(string Type, string Body)> published) => published.Count(m => m.Type.EndsWith("." + nameof(LegalDeadlineAlert), StringComparison.Ordinal));
        Assert.Equal(1, Alerts(await world.PublishedAsync()));
        var resender = AlertResender(world);

        Assert.Equal(0, await resender.RedriveAsync(Cancel));
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await resender.RedriveAsync(Cancel)); // lost: sent again, as raised
        Assert.Equal(2, Alerts(await world.PublishedAsync()));

        await bus.DeliverAsync(new LegalDeadlineAlertAnswered(incident, "notice", LegalDeadlineAlert.Reminder, world.Clock.GetUtcNow()));
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(0, await resender.RedriveAsync(Cancel));
    }

    private static StepRequestResender Resender(EscalationWorld world)
    {
        var (scopes, clock) = RedriveParts(world);
        return new StepRequestResender(scopes, clock, Options.Create(new EscalationOptions()), new DatabaseStatus(), world.Clock,
            NullLogger<StepRequestResender>.Instance);
    }

    private static DeadlineAlertResender AlertResender(EscalationWorld world)
    {
        var (scopes, clock) = RedriveParts(world);
        return new DeadlineAlertResender(scopes, clock, world.Policies, Options.Create(new EscalationOptions()), new DatabaseStatus(), world.Clock,
            NullLogger<DeadlineAlertResender>.Instance);
    }

    /// <summary>What a redrive loop needs over this world's database and clock, as on RabbitMQ (no restart replay).</summary>
    private static (IServiceScopeFactory Scopes, RedriveClock Clock) RedriveParts(EscalationWorld world)
    {
        var services = new ServiceCollection().AddScoped<EscalationDbContext>(_ => world.NewContext()).BuildServiceProvider();
        return (services.GetRequiredService<IServiceScopeFactory>(),
            new RedriveClock(Options.Create(new MessagingOptions { Transport = MessagingTransport.RabbitMq }), world.Clock));
    }

    private static IncidentTriaged State(Guid incident, int version, string status) =>
        new(incident, "SC-2026-00042", "Tấn công DDoS", "availability:ddos", 3, 60, false, "AMBER", false, null,
            [new LegalDeadline("notice", EscalationWorld.Start.AddHours(24), "2026.1", "Thông báo sự cố", "Incident notice", "QĐ 05", ["bcd-bn"])],
            "2026.1", EscalationWorld.Start, status, version);

    private static UnitEngaged Engaged(Guid incident, DateTimeOffset at) =>
        new(NewId.NextGuid(), incident, "SC-2026-00042", "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh", "rule", "2026.1", 3, false, 1, at);

    private static Task<ConsumerBus> BusAsync(EscalationWorld world) => ConsumerBus.StartAsync(world);

    private static NotificationFailed Failed(UnitEngaged engaged, string origin) =>
        new(NewId.NextGuid(), engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode, "Trực ban VNPT", ["email", "sms"], 2,
            "no relay", engaged.EngagedAt, engaged.EngagementId, origin);
}
