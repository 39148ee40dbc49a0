using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// When a clock's next alert is: the reminders still ahead (each <c>remindBefore</c> the due time),
/// then the overdue alert at the due time. A deadline due at most <see cref="LateStartGrace"/> before its
/// clock starts (an "immediately" duty of a report filed at once) gets no reminder and no alert at its due time:
/// the engagement notices carry it; but while it stays open, the policy's further overdue alerts follow as for any
/// duty (an initial report nobody submitted is chased). One already further past due (a report filed days after
/// detection) is alerted overdue at once. After the due time, further overdue alerts follow while the duty stays
/// open (<see cref="DeadlineWatch.Overdue"/>).
/// </summary>
public static class DeadlineSchedule
{
    /// <summary>How long past due a duty may be when its clock starts and still count as "immediately" (not alerted).</summary>
    public static readonly TimeSpan LateStartGrace = TimeSpan.FromHours(1);

    /// <summary>
    /// Sets <see cref="DeadlineClock.NextAlertAt"/> from <see cref="DeadlineClock.AlertsSent"/>: reminders whose time has passed
    /// are not sent late, and of overdue alerts already past (a clock started or run again long after the due time) only
    /// the latest is sent, at once.
    /// </summary>
    public static void Plan(DeadlineClock clock, DeadlineWatch watch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(watch);
        var alerts = Alerts(clock.DueAt, watch);
        var reminders = watch.RemindBefore.Count;
        if (clock.AlertsSent == 0 && clock.DueAt <= now)
        {
            // "Immediately": the notices told it at once, so not the alert at the due time, only the later ones;
            // further past due: no reminder, an overdue alert at once.
            clock.AlertsSent = now - clock.DueAt <= LateStartGrace ? reminders + 1 : reminders;
        }

        while (clock.AlertsSent < reminders && alerts[clock.AlertsSent] < now)
        {
            clock.AlertsSent++; // a reminder whose time has passed is not sent late
        }

        while (clock.AlertsSent >= reminders && clock.AlertsSent + 1 < alerts.Count && alerts[clock.AlertsSent + 1] <= now)
        {
            clock.AlertsSent++; // several overdue alerts past at once: the latest (the highest level) only
        }

        if (clock.AlertsSent >= alerts.Count)
        {
            clock.State = ClockStates.Done;
            clock.NextAlertAt = null;
            return;
        }

        clock.NextAlertAt = alerts[clock.AlertsSent];
    }

    /// <summary>Reminder times (earliest first), the due time itself (the first overdue alert), then the further overdue alerts.</summary>
    public static IReadOnlyList<DateTimeOffset> Alerts(DateTimeOffset dueAt, DeadlineWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return [.. watch.Reminders.Select(r => dueAt - r), dueAt, .. watch.Overdue.Select(o => dueAt + Durations.Parse(o.After))];
    }

    /// <summary>Whether alert number <paramref name="index"/> is an overdue alert.</summary>
    public static bool IsOverdue(int index, DeadlineWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return index >= watch.RemindBefore.Count;
    }

    /// <summary>Whether alert number <paramref name="index"/> is the last the policy has (after it, the clock is done).</summary>
    public static bool IsLast(int index, DeadlineWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return index >= watch.RemindBefore.Count + watch.Overdue.Count;
    }
}
