using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;

namespace IncidentResponse.Escalation.Tests.Deadlines;

/// <summary>When a legal deadline's reminders and overdue alert fall.</summary>
public sealed class DeadlineScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DeadlineWatch Watch = new() { Notify = "bcd-bn", RemindBefore = ["1h", "6h"] };

    [Fact]
    public void A_24_hour_deadline_is_reminded_6_hours_and_1_hour_before_then_is_overdue_at_its_due_time()
    {
        var clock = Clock(Now.AddHours(24));

        DeadlineSchedule.Plan(clock, Watch, Now);
        Assert.Equal(Now.AddHours(18), clock.NextAlertAt);
        Assert.False(DeadlineSchedule.IsOverdue(0, Watch));

        clock.AlertsSent = 1;
        DeadlineSchedule.Plan(clock, Watch, Now.AddHours(18));
        Assert.Equal(Now.AddHours(23), clock.NextAlertAt);

        clock.AlertsSent = 2;
        DeadlineSchedule.Plan(clock, Watch, Now.AddHours(23));
        Assert.Equal(Now.AddHours(24), clock.NextAlertAt);
        Assert.True(DeadlineSchedule.IsOverdue(2, Watch));
        Assert.Equal(ClockStates.Running, clock.State);
    }

    [Fact]
    public void Reminders_already_past_when_the_clock_starts_are_not_sent_late()
    {
        var clock = Clock(Now.AddMinutes(90));

        DeadlineSchedule.Plan(clock, Watch, Now);

        Assert.Equal(1, clock.AlertsSent);
        Assert.Equal(Now.AddMinutes(30), clock.NextAlertAt);
    }

    [Fact]
    public void An_immediate_duty_gets_no_clock_alerts_when_the_policy_has_no_overdue_steps_because_the_engagement_notices_carry_it()
    {
        var clock = Clock(Now.AddMinutes(-5));

        DeadlineSchedule.Plan(clock, Watch, Now);

        Assert.Equal(ClockStates.Done, clock.State);
        Assert.Null(clock.NextAlertAt);
    }

    [Fact]
    public void An_immediate_duty_left_open_is_chased_by_the_policys_later_overdue_alerts_only()
    {
        var chasing = new DeadlineWatch
        {
            Notify = "bcd-bn",
            RemindBefore = ["1h", "6h"],
            Overdue = [new() { After = "4h", Notify = "bcd-bn" }, new() { After = "24h", Notify = "skhcn-bn" }],
        };
        var clock = Clock(Now.AddMinutes(-5));

        DeadlineSchedule.Plan(clock, chasing, Now);

        Assert.Equal(ClockStates.Running, clock.State);
        Assert.Equal(3, clock.AlertsSent); // two reminders and the due-time alert: the engagement notices carried it
        Assert.Equal(Now.AddMinutes(-5).AddHours(4), clock.NextAlertAt);
        Assert.Equal("bcd-bn", chasing.NotifyOf(chasing.StageOf(clock.AlertsSent)));
    }

    [Fact]
    public void A_reopened_incident_whose_deadline_passed_while_closed_is_alerted_overdue_at_once()
    {
        var clock = Clock(Now.AddHours(-2));
        clock.AlertsSent = 1;

        DeadlineSchedule.Plan(clock, Watch, Now);

        Assert.Equal(2, clock.AlertsSent);
        Assert.Equal(Now.AddHours(-2), clock.NextAlertAt);
        Assert.True(DeadlineSchedule.IsOverdue(clock.AlertsSent, Watch));
    }

    private static DeadlineClock Clock(DateTimeOffset due) => new()
    {
        Id = Guid.NewGuid(),
        IncidentId = Guid.NewGuid(),
        IncidentNumber = "SC-2026-00001",
        DeadlineId = "serious-initial-notice",
        DueAt = due,
        NameVi = "Thông báo ban đầu — 24 giờ",
        NameEn = "Initial notice — 24 hours",
        Basis = "test",
        PolicyVersion = "t",
        State = ClockStates.Running,
    };
}
