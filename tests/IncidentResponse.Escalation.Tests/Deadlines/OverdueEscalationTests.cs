using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Tests.Chains;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Tests.Deadlines;

/// <summary>
/// A legal duty still open after its due time escalates like a page: the overdue alert at the due time, then each
/// further overdue step of the policy to the unit it names, until the policy has no more; a submitted duty stops it.
/// </summary>
public sealed class OverdueEscalationTests
{
    private const string Policy = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines:
          notify: bcd-bn
          remindBefore: [1h]
          overdue:
            - { after: 4h, notify: bcd-bn }
            - { after: 24h, notify: skhcn-bn }
        policies:
          - id: one-step
            name: { vi: "Một bước", en: "One step" }
            steps:
              - after: 90s
                targets: [{ unit: bcd-bn }]
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_duty_is_alerted_at_its_due_time_then_again_and_higher_until_the_policy_has_no_more()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        var due = world.Clock.GetUtcNow().AddHours(2);
        var clockId = await StartClockAsync(world, due);

        foreach (var at in new[] { due.AddHours(-1), due, due.AddHours(4), due.AddHours(24), due.AddDays(3) })
        {
            world.Clock.SetUtcNow(at);
            await world.SweepAsync();
        }

        Assert.Equal(
            [("reminder", "bcd-bn"), ("overdue", "bcd-bn"), ("overdue-2", "bcd-bn"), ("overdue-3", "skhcn-bn")],
            await AlertsAsync(world));
        await using var db = world.NewContext();
        var clock = await db.DeadlineClocks.AsNoTracking().SingleAsync(c => c.Id == clockId, Cancel);
        Assert.Equal(ClockStates.Done, clock.State);
        Assert.Null(clock.NextAlertAt);
    }

    [Fact]
    public async Task A_clock_started_a_day_after_its_due_time_alerts_the_highest_level_reached_once()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        await StartClockAsync(world, world.Clock.GetUtcNow().AddHours(-25));

        await world.SweepAsync();
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.SweepAsync();

        Assert.Equal([("overdue-3", "skhcn-bn")], await AlertsAsync(world));
    }

    [Fact]
    public async Task An_immediate_duty_nobody_submitted_is_chased_from_the_first_later_overdue_step()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        var due = world.Clock.GetUtcNow().AddMinutes(-2); // "immediately": due at detection, the report filed at once
        await StartClockAsync(world, due);

        foreach (var at in new[] { due.AddMinutes(3), due.AddHours(4), due.AddHours(24), due.AddDays(3) })
        {
            world.Clock.SetUtcNow(at);
            await world.SweepAsync();
        }

        // No alert at the due time (the engagement notices told it), then the policy's further steps as for any open duty.
        Assert.Equal([("overdue-2", "bcd-bn"), ("overdue-3", "skhcn-bn")], await AlertsAsync(world));
    }

    [Fact]
    public async Task A_duty_submitted_after_its_first_overdue_alert_is_alerted_no_more()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        var due = world.Clock.GetUtcNow().AddHours(2);
        var clockId = await StartClockAsync(world, due);
        foreach (var at in new[] { due.AddHours(-1), due })
        {
            world.Clock.SetUtcNow(at);
            await world.SweepAsync();
        }

        await using (var db = world.NewContext())
        {
            var clock = await db.DeadlineClocks.SingleAsync(c => c.Id == clockId, Cancel);
            clock.State = ClockStates.Stopped; // what the incident's state with the duty submitted does
            clock.NextAlertAt = null;
            await db.SaveChangesAsync(Cancel);
        }

        world.Clock.SetUtcNow(due.AddDays(2));
        await world.SweepAsync();

        Assert.Equal([("reminder", "bcd-bn"), ("overdue", "bcd-bn")], await AlertsAsync(world));
    }

    [Fact]
    public async Task An_alert_names_its_unit_as_the_unit_s_chain_on_the_incident_does_and_its_time_as_the_database_keeps_it()
    {
        await using var world = await EscalationWorld.CreateAsync(Policy);
        var chain = await world.ChainAsync(await world.EngageAsync("bcd-bn", names: ("Ban Chỉ đạo tỉnh", "Provincial Steering Committee")));
        var due = world.Clock.GetUtcNow().AddHours(2);
        await StartClockAsync(world, due, chain.IncidentId);

        foreach (var at in new[] { due.AddHours(-1), due, due.AddHours(4), due.AddHours(24) })
        {
            world.Clock.SetUtcNow(at.AddTicks(7)); // not a whole microsecond: PostgreSQL would keep another time than the alert said
            await world.SweepAsync();
        }

        var alerts = (await world.PublishedAsync())
            .Where(m => m.Type.EndsWith("." + nameof(LegalDeadlineAlert), StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Body).RootElement)
            .ToList();
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts.Where(a => a.GetProperty("notifyUnit").GetString() == "bcd-bn"), a =>
        {
            Assert.Equal("Ban Chỉ đạo tỉnh", a.GetProperty("notifyUnitNameVi").GetString());
            Assert.Equal("Provincial Steering Committee", a.GetProperty("notifyUnitNameEn").GetString());
        });
        var department = Assert.Single(alerts, a => a.GetProperty("notifyUnit").GetString() == "skhcn-bn"); // not engaged, and this world has no partner directory to name it
        Assert.Equal(JsonValueKind.Null, department.GetProperty("notifyUnitNameVi").ValueKind);
        Assert.All(alerts, a => Assert.Equal(0, a.GetProperty("raisedAt").GetDateTimeOffset().UtcTicks % 10));
    }

    [Theory]
    [InlineData("[{ after: 4h, notify: nobody-bn }]", "nobody-bn")]
    [InlineData("[{ after: 4h, notify: bcd-bn }, { after: 2h, notify: bcd-bn }]", "later than the step before")]
    [InlineData("[{ after: 0m, notify: bcd-bn }]", "longer than zero")]
    public void A_policy_with_a_wrong_overdue_step_is_refused_saying_which(string steps, string expected)
    {
        using var rules = new TempDirectory();
        File.WriteAllText(Path.Combine(rules.Path, "escalation-policies-t.yaml"), Policy.Replace(
            "overdue:\n    - { after: 4h, notify: bcd-bn }\n    - { after: 24h, notify: skhcn-bn }", $"overdue: {steps}", StringComparison.Ordinal));

        var refused = Assert.Throws<InvalidDataException>(() => new PolicyBook(rules.Path).Validate(null, new HashSet<string> { "bcd-bn", "skhcn-bn" }));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<Guid> StartClockAsync(EscalationWorld world, DateTimeOffset due, Guid? incidentId = null)
    {
        var now = world.Clock.GetUtcNow();
        var clock = new DeadlineClock
        {
            Id = Guid.NewGuid(), IncidentId = incidentId ?? Guid.NewGuid(), IncidentNumber = "SC-2026-00077", DeadlineId = "personal-data-notice", DueAt = due,
            NameVi = "Thông báo cho A05", NameEn = "Notice to A05", Basis = "NĐ 13/2023", PolicyVersion = "t.1", State = ClockStates.Running,
        };
        DeadlineSchedule.Plan(clock, world.Policies.VersionNamed("t.1", now).Deadlines, now);
        await using var db = world.NewContext();
        db.DeadlineClocks.Add(clock);
        await db.SaveChangesAsync(Cancel);
        await world.Timers.ScheduleAsync(clock, Cancel);
        return clock.Id;
    }

    private static async Task<List<(string Stage, string Unit)>> AlertsAsync(EscalationWorld world) =>
        (await world.PublishedAsync())
            .Where(m => m.Type.EndsWith("." + nameof(LegalDeadlineAlert), StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Body).RootElement)
            .Select(m => (m.GetProperty("stage").GetString()!, m.GetProperty("notifyUnit").GetString()!))
            .ToList();
}
