using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Policies;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// The legal clocks of an incident follow its duties: a clock per deadline (moved when a re-triage moves the
/// due time), stopped when its duty is submitted or waived, and running whatever the incident's status:
/// closing an incident does not silence a duty still open (the closing report itself falls due then).
/// A drill (diễn tập) has no legal deadline and so no clock, even if a state carried one.
/// </summary>
public static class DeadlineClockChanges
{
    /// <summary>
    /// Changes <paramref name="clocks"/> (adding new ones to <paramref name="added"/>) to fit the state; returns those that changed.
    /// A deadline that needs no clock when first heard of (its duty already submitted or waived, or due at once under a policy
    /// with no further overdue steps to chase it: see <see cref="DeadlineSchedule"/>) gets none: it is
    /// kept in <paramref name="settled"/> instead, and a deadline settled <c>done</c> never gets one, as a clock done stays done.
    /// </summary>
    public static List<DeadlineClock> Apply(
        IncidentTriaged state, List<DeadlineClock> clocks, PolicyBook policies, DateTimeOffset now, List<DeadlineClock> added,
        List<SettledDeadline>? settled = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(added);
        var changed = new List<DeadlineClock>();
        var version = policies.VersionAt(now);
        foreach (var deadline in state.Drill ? Array.Empty<LegalDeadline>() : state.Deadlines)
        {
            var clock = clocks.FirstOrDefault(c => c.DeadlineId == deadline.Id);
            if (clock is null && settled?.Any(d => d.Id == deadline.Id && d.State == ClockStates.Done) == true)
            {
                continue;
            }

            if (clock is null)
            {
                clock = new DeadlineClock
                {
                    Id = RowIds.Next(),
                    IncidentId = state.IncidentId,
                    IncidentNumber = state.Number,
                    DeadlineId = deadline.Id,
                    DueAt = deadline.DueAt,
                    NameVi = deadline.NameVi,
                    NameEn = deadline.NameEn,
                    Basis = deadline.Basis,
                    PolicyVersion = version.Version,
                    State = ClockStates.Running,
                };
                DeadlineSchedule.Plan(clock, version.Deadlines, now);
                added.Add(clock);
                clocks.Add(clock);
                changed.Add(clock);
            }
            else if (clock.DueAt != deadline.DueAt && clock.State == ClockStates.Running)
            {
                clock.DueAt = deadline.DueAt;
                clock.AlertsSent = 0;
                DeadlineSchedule.Plan(clock, version.Deadlines, now);
                clock.Version++;
                changed.Add(clock);
            }
        }

        foreach (var clock in clocks)
        {
            var duty = state.Deadlines.FirstOrDefault(d => d.Id == clock.DeadlineId);
            var open = duty is null || DutyStates.IsOpen(duty.State);
            if (!open && clock.State == ClockStates.Running)
            {
                clock.State = ClockStates.Stopped;
                clock.NextAlertAt = null;
            }
            else if (open && clock.State == ClockStates.Stopped)
            {
                // Stopped by a close before duties had states, or a duty opened again (a closing report due after
                // a re-close): it runs again, to the duty's due time now.
                clock.State = ClockStates.Running;
                if (duty is not null && clock.DueAt != duty.DueAt)
                {
                    clock.DueAt = duty.DueAt;
                    clock.AlertsSent = 0;
                }

                DeadlineSchedule.Plan(clock, policies.VersionNamed(clock.PolicyVersion, now).Deadlines, now);
            }
            else
            {
                continue;
            }

            if (!added.Contains(clock))
            {
                clock.Version++;
            }

            if (!changed.Contains(clock))
            {
                changed.Add(clock);
            }
        }

        if (settled is not null)
        {
            Settle(added, clocks, changed, settled);
        }

        return changed;
    }

    /// <summary>Moves the clocks that were born not running (they would never alert) to <paramref name="settled"/>.</summary>
    private static void Settle(List<DeadlineClock> added, List<DeadlineClock> clocks, List<DeadlineClock> changed, List<SettledDeadline> settled)
    {
        foreach (var clock in added.ToList())
        {
            settled.RemoveAll(d => d.Id == clock.DeadlineId);
            if (clock.State == ClockStates.Running)
            {
                continue;
            }

            settled.Add(new SettledDeadline(clock.DeadlineId, clock.DueAt, clock.NameVi, clock.NameEn, clock.Basis, clock.State));
            added.Remove(clock);
            clocks.Remove(clock);
            changed.Remove(clock);
        }
    }
}
