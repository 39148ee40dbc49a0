using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// The policy follows the incident's facts: when a newer state makes the incident serious, a chain still paging moves to
/// the serious policy from now on, without firing a step twice; an acknowledged chain keeps waiting; an engagement that
/// arrives after the state starts on the policy of the newest facts.
/// </summary>
public sealed class PolicySwitchTests
{
    private const string Policies = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: serious
            name: { vi: "Nghiêm trọng", en: "Serious" }
            match: { serious: true }
            steps:
              - after: 5m
                targets: [{ unit: self }]
              - after: 10m
                targets: [{ unit: bcd-bn }]
            repeat: until-acknowledged
          - id: standard
            name: { vi: "Mặc định", en: "Default" }
            steps:
              - after: 1h
                targets: [{ unit: self }]
              - after: 4h
                targets: [{ unit: bcd-bn }]
            repeat: "0"
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_chain_switches_to_the_serious_policy_from_now_and_fires_no_step_twice()
    {
        await using var world = await EscalationWorld.CreateAsync(Policies);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();
        await bus.DeliverAsync(State(incident, 1, serious: false));
        var engaged = Engaged(incident, world.Clock.GetUtcNow());
        await bus.DeliverAsync(engaged);
        Assert.Equal("standard", (await world.ChainAsync(engaged.EngagementId)).PolicyId);
        await world.FireDueAsync(engaged.EngagementId); // standard step 1 after an hour
        var switchedAt = world.Clock.GetUtcNow().AddMinutes(1);
        world.Clock.SetUtcNow(switchedAt);

        await bus.DeliverAsync(State(incident, 2, serious: true));
        await bus.DeliverAsync(State(incident, 2, serious: true)); // a re-sent state changes nothing more

        var chain = await world.ChainAsync(engaged.EngagementId);
        Assert.Equal(("serious", "standard", switchedAt), (chain.PolicyId, chain.PreviousPolicyId, chain.PolicySwitchedAt));
        Assert.Equal((2, 1, 1, switchedAt.AddMinutes(5)), (chain.Round, chain.RoundsBefore, chain.NextStep, chain.NextDueAt));
        await world.FireDueAsync(engaged.EngagementId);
        await world.FireDueAsync(engaged.EngagementId);
        var fired = await world.FiredAsync(engaged.EngagementId);
        Assert.Equal([(1, 1), (2, 1), (2, 2)], fired.Select(f => (f.Round, f.Step)));
        Assert.Equal(ChainStates.Active, (await world.ChainAsync(engaged.EngagementId)).State); // serious repeats until acknowledged
    }

    [Fact]
    public async Task A_decrease_back_to_an_ordinary_incident_switches_back_and_a_same_policy_change_does_nothing()
    {
        await using var world = await EscalationWorld.CreateAsync(Policies);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();
        var engaged = Engaged(incident, world.Clock.GetUtcNow(), serious: true);
        await bus.DeliverAsync(engaged);
        Assert.Equal("serious", (await world.ChainAsync(engaged.EngagementId)).PolicyId);

        await bus.DeliverAsync(State(incident, 1, serious: true, severity: 5));
        Assert.Null((await world.ChainAsync(engaged.EngagementId)).PolicySwitchedAt);

        await bus.DeliverAsync(State(incident, 2, serious: false));
        Assert.Equal("standard", (await world.ChainAsync(engaged.EngagementId)).PolicyId);
    }

    [Fact]
    public async Task An_engagement_announced_after_the_incident_became_serious_starts_on_the_serious_policy()
    {
        await using var world = await EscalationWorld.CreateAsync(Policies);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();
        await bus.DeliverAsync(State(incident, 2, serious: true));

        var engaged = Engaged(incident, world.Clock.GetUtcNow(), serious: false); // routed with the facts of version 1
        await bus.DeliverAsync(engaged);

        Assert.Equal(("serious", true), ((await world.ChainAsync(engaged.EngagementId)).PolicyId, (await world.ChainAsync(engaged.EngagementId)).Serious));
    }

    [Fact]
    public async Task An_acknowledged_chain_keeps_waiting_and_takes_the_new_policy_for_later_paging()
    {
        await using var world = await EscalationWorld.CreateAsync(Policies);
        await using var bus = await BusAsync(world);
        var incident = NewId.NextGuid();
        var engaged = Engaged(incident, world.Clock.GetUtcNow());
        await bus.DeliverAsync(engaged);
        await bus.DeliverAsync(new EngagementAcknowledged(engaged.EngagementId, incident, engaged.IncidentNumber, engaged.UnitCode, null, "Phạm Minh Đức", "api",
            world.Clock.GetUtcNow()));
        var before = await world.ChainAsync(engaged.EngagementId);

        await bus.DeliverAsync(State(incident, 1, serious: true));

        var chain = await world.ChainAsync(engaged.EngagementId);
        Assert.Equal((ChainStates.Acknowledged, "serious"), (chain.State, chain.PolicyId));
        Assert.Equal((before.NextTimer, before.NextDueAt, before.Round), (chain.NextTimer, chain.NextDueAt, chain.Round));
    }

    private static IncidentTriaged State(Guid incident, int version, bool serious, int severity = 3) =>
        new(incident, "SC-2026-00042", "Tấn công DDoS", "availability:ddos", severity, 60, serious, "AMBER", false, null, [], "2026.1",
            EscalationWorld.Start, IncidentStatuses.Triage, version);

    private static UnitEngaged Engaged(Guid incident, DateTimeOffset at, bool serious = false) =>
        new(NewId.NextGuid(), incident, "SC-2026-00042", "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh", "rule", "2026.1", 3, serious, 1, at);

    private static Task<ConsumerBus> BusAsync(EscalationWorld world) => ConsumerBus.StartAsync(world);
}
