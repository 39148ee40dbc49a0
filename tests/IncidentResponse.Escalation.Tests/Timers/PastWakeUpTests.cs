using IncidentResponse.Escalation.Tests.Chains;

namespace IncidentResponse.Escalation.Tests.Timers;

/// <summary>
/// A wake-up stored when its due time has already passed (an overdue alert of a report filed days late, a step the
/// reconciler restores after an outage) starts now, not at its due time: Quartz's database stores do not take a trigger
/// due longer ago than the misfire threshold until the misfire handler's next round, up to a minute later.
/// </summary>
public sealed class PastWakeUpTests
{
    private const string Policy = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines:
          notify: bcd-bn
          remindBefore: [1h]
          overdue: [{ after: 4h, notify: bcd-bn }]
        policies:
          - id: one-step
            name: { vi: "Một bước", en: "One step" }
            steps:
              - after: 90s
                targets: [{ unit: vnpt-bn }]
        """;

    [Fact]
    public async Task A_wake_up_already_past_starts_at_the_time_it_is_stored_and_one_still_ahead_at_its_due_time()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        var now = world.Clock.GetUtcNow();
        var cancel = TestContext.Current.CancellationToken;

        Assert.True(await world.Timers.RestoreSweepAsync(now.AddMinutes(-10), cancel));
        Assert.True(await world.Timers.RestoreSweepAsync(now.AddMinutes(10), cancel));

        var past = await world.Scheduler.GetTrigger(world.Timers.KeyFor(now.AddMinutes(-10)), cancel);
        var ahead = await world.Scheduler.GetTrigger(world.Timers.KeyFor(now.AddMinutes(10)), cancel);
        Assert.Equal(now, past!.StartTimeUtc);
        Assert.Equal(world.Timers.WakeAt(now.AddMinutes(10)), ahead!.StartTimeUtc);
    }
}
