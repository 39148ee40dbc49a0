using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Policies;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// When a clock's next alert is: the reminders still ahead (each <c>remindBefore</c> the due time),
/// then the overdue alert at the due time. A deadline due at most <see cref="LateStartGrace"/> before its
/// clock starts (an "immediately" duty of a report filed at once) gets no reminder and no overdue alert: the
/// engagement notices carry it. One already further past due (a report filed days after detection) is
/// alerted overdue at once.
/// </summary>
public static class DeadlineSchedule
{
    /// <summary>How long past due a duty may be when its clock starts and still count as "immediately" (not alerted).</summary>
    public static readonly TimeSpan LateStartGrace = TimeSpan.FromHours(1);

    /// <summary>Sets <see cref="DeadlineClock.NextAlertAt"/> from <see cref="DeadlineClock.AlertsSent"/>; skips reminders already in the past.</summary>
    public static void Plan(DeadlineClock clock, DeadlineWatch watch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(watch);
        var alerts = Alerts(clock.DueAt, watch);
        if (clock.AlertsSent == 0 && clock.DueAt <= now)
        {
            if (now - clock.DueAt <= LateStartGrace)
            {
                clock.State = ClockStates.Done;
                clock.NextAlertAt = null;
                return;
            }

            clock.AlertsSent = alerts.Count - 1; // overdue already: no reminder, the overdue alert at once
        }

        while (clock.AlertsSent < alerts.Count - 1 && alerts[clock.AlertsSent] < now)
        {
            clock.AlertsSent++; // a reminder whose time has passed is not sent late
        }

        if (clock.AlertsSent >= alerts.Count)
        {
            clock.State = ClockStates.Done;
            clock.NextAlertAt = null;
            return;
        }

        clock.NextAlertAt = alerts[clock.AlertsSent];
    }

    /// <summary>Reminder times (earliest first), then the due time itself (the overdue alert) last.</summary>
    public static IReadOnlyList<DateTimeOffset> Alerts(DateTimeOffset dueAt, DeadlineWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return [.. watch.Reminders.Select(r => dueAt - r), dueAt];
    }

    /// <summary>Whether alert number <paramref name="index"/> is the overdue alert.</summary>
    public static bool IsOverdue(int index, DeadlineWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return index >= watch.RemindBefore.Count;
    }
}
