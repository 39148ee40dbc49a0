using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;

namespace IncidentResponse.Escalation.Tests.Deadlines;

/// <summary>A legal duty's clock follows the duty, not the incident's status: it stops when the duty is submitted or waived, never on close.</summary>
public sealed class DutyClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly PolicyBook Shipped = new(Path.Combine(AppContext.BaseDirectory, "Rules"));
    private static readonly Guid Incident = Guid.NewGuid();
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static IncidentTriaged State(string status, params LegalDeadline[] duties) =>
        new(Incident, "SC-2026-00042", "Lộ lọt dữ liệu", "information-content-security:data-leak", 4, 80, true, "AMBER", true, null,
            duties, "2026.1", Now, status, 1);

    private static LegalDeadline Duty(string id, DateTimeOffset due, string state = DutyStates.Due) =>
        new(id, due, "vn-2026-07", id, id, "basis", ["a05"], state);

    private static List<DeadlineClock> Start(params LegalDeadline[] duties)
    {
        var clocks = new List<DeadlineClock>();
        DeadlineClockChanges.Apply(State("new", duties), clocks, Shipped, Now, []);
        return clocks;
    }

    [Fact]
    public void An_open_duty_keeps_alerting_after_the_incident_closes()
    {
        var clocks = Start(Duty("personal-data-notice", Now.AddHours(72)));

        var changed = DeadlineClockChanges.Apply(State("closed", Duty("personal-data-notice", Now.AddHours(72)),
            Duty("mau-04-closing-report", Now.AddDays(5))), clocks, Shipped, Now.AddMinutes(20), []);

        var notice = clocks.Single(c => c.DeadlineId == "personal-data-notice");
        Assert.Equal(ClockStates.Running, notice.State);
        Assert.Equal(Now.AddHours(72 - 6), notice.NextAlertAt);
        Assert.DoesNotContain(notice, changed);
        var closing = clocks.Single(c => c.DeadlineId == "mau-04-closing-report");
        Assert.Equal(ClockStates.Running, closing.State);
        Assert.Equal(Now.AddDays(5).AddHours(-6), closing.NextAlertAt);
    }

    [Fact]
    public void A_closing_report_owed_again_after_a_reclose_runs_to_its_new_due_time()
    {
        var clocks = Start(Duty("mau-04-closing-report", Now.AddDays(5)));
        DeadlineClockChanges.Apply(State("containment", Duty("mau-04-closing-report", Now.AddDays(5), DutyStates.Waived)), clocks, Shipped, Now.AddHours(1), []);
        Assert.Equal(ClockStates.Stopped, clocks.Single().State);

        var changed = DeadlineClockChanges.Apply(State("closed", Duty("mau-04-closing-report", Now.AddDays(8))), clocks, Shipped, Now.AddDays(3), []);

        var clock = Assert.Single(changed);
        Assert.Equal(ClockStates.Running, clock.State);
        Assert.Equal(Now.AddDays(8), clock.DueAt);
        Assert.Equal(Now.AddDays(8).AddHours(-6), clock.NextAlertAt);
    }

    [Theory]
    [InlineData(DutyStates.Submitted)]
    [InlineData(DutyStates.Waived)]
    public void A_duty_submitted_or_waived_stops_its_clock(string state)
    {
        var clocks = Start(Duty("personal-data-notice", Now.AddHours(72)), Duty("incident-notice", Now.AddDays(5)));

        var changed = DeadlineClockChanges.Apply(State("containment", Duty("personal-data-notice", Now.AddHours(72), state),
            Duty("incident-notice", Now.AddDays(5))), clocks, Shipped, Now.AddHours(1), []);

        var stopped = Assert.Single(changed);
        Assert.Equal("personal-data-notice", stopped.DeadlineId);
        Assert.Equal(ClockStates.Stopped, stopped.State);
        Assert.Null(stopped.NextAlertAt);
        Assert.Equal(ClockStates.Running, clocks.Single(c => c.DeadlineId == "incident-notice").State);
    }

    [Fact]
    public void A_submitted_duty_stays_stopped_when_the_incident_is_reopened()
    {
        var clocks = Start(Duty("incident-notice", Now.AddDays(5)));
        DeadlineClockChanges.Apply(State("closed", Duty("incident-notice", Now.AddDays(5), DutyStates.Submitted)), clocks, Shipped, Now.AddHours(1), []);

        DeadlineClockChanges.Apply(State("containment", Duty("incident-notice", Now.AddDays(5), DutyStates.Submitted)), clocks, Shipped, Now.AddHours(2), []);

        Assert.Equal(ClockStates.Stopped, Assert.Single(clocks).State);
    }

    [Fact]
    public void A_clock_stopped_by_a_close_before_duties_had_states_runs_again_while_its_duty_is_open()
    {
        var clocks = Start(Duty("incident-notice", Now.AddDays(5)));
        clocks[0].State = ClockStates.Stopped;
        clocks[0].NextAlertAt = null;

        DeadlineClockChanges.Apply(State("closed", Duty("incident-notice", Now.AddDays(5))), clocks, Shipped, Now.AddHours(1), []);

        Assert.Equal(ClockStates.Running, clocks[0].State);
        Assert.Equal(Now.AddDays(5).AddHours(-6), clocks[0].NextAlertAt);
    }

    [Fact]
    public void A_duty_already_past_due_when_its_clock_starts_is_alerted_overdue_at_once()
    {
        // A report filed four days after detection: the 72-hour personal-data notice is already a day late.
        var clocks = Start(Duty("personal-data-notice", Now.AddHours(-24)));

        var clock = Assert.Single(clocks);
        Assert.Equal(ClockStates.Running, clock.State);
        Assert.Equal(Now.AddHours(-24), clock.NextAlertAt);
        Assert.True(DeadlineSchedule.IsOverdue(clock.AlertsSent, Shipped.VersionAt(Now).Deadlines));
    }

    [Fact]
    public void A_message_from_before_duties_had_states_reads_every_duty_as_due()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<LegalDeadline>(
            """{"id":"incident-notice","dueAt":"2026-12-01T09:00:00+07:00","regime":"vn-2017","nameVi":"a","nameEn":"b","basis":"c","recipients":["owner"]}""",
            Web)!;

        Assert.Equal(DutyStates.Due, old.State);
    }
}
