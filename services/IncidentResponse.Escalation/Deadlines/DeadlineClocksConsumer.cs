using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// Starts a clock for each legal deadline triage gives an incident (moving it if a re-triage moves
/// the due time), stops them when the incident closes and restarts them if it is reopened.
/// </summary>
public sealed class DeadlineClocksConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<IncidentTriaged>, IConsumer<IncidentStatusChanged>
{
    public async Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await ChangeAsync(context, async (now, changed) =>
        {
            var clocks = await db.DeadlineClocks.Where(c => c.IncidentId == m.IncidentId).ToListAsync(context.CancellationToken);
            var version = policies.VersionAt(now);
            foreach (var deadline in m.Deadlines)
            {
                var clock = clocks.FirstOrDefault(c => c.DeadlineId == deadline.Id);
                if (clock is null)
                {
                    clock = new DeadlineClock
                    {
                        Id = NewId.NextGuid(),
                        IncidentId = m.IncidentId,
                        IncidentNumber = m.Number,
                        DeadlineId = deadline.Id,
                        DueAt = deadline.DueAt,
                        NameVi = deadline.NameVi,
                        NameEn = deadline.NameEn,
                        Basis = deadline.Basis,
                        PolicyVersion = version.Version,
                        State = ClockStates.Running,
                    };
                    DeadlineSchedule.Plan(clock, version.Deadlines, now);
                    db.DeadlineClocks.Add(clock);
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
        });
    }

    public async Task Consume(ConsumeContext<IncidentStatusChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var closing = m.Status == EngagementMilestonesConsumer.ClosedStatus;
        var reopening = m.PreviousStatus == EngagementMilestonesConsumer.ClosedStatus && !closing;
        if (!closing && !reopening)
        {
            return;
        }

        await ChangeAsync(context, async (now, changed) =>
        {
            var clocks = await db.DeadlineClocks.Where(c => c.IncidentId == m.IncidentId).ToListAsync(context.CancellationToken);
            foreach (var clock in clocks)
            {
                if (closing && clock.State == ClockStates.Running)
                {
                    clock.State = ClockStates.Stopped;
                    clock.NextAlertAt = null;
                }
                else if (reopening && clock.State == ClockStates.Stopped)
                {
                    clock.State = ClockStates.Running;
                    var version = policies.VersionNamed(clock.PolicyVersion, now);
                    DeadlineSchedule.Plan(clock, version.Deadlines, now);
                }
                else
                {
                    continue;
                }

                clock.Version++;
                changed.Add(clock);
            }
        });
    }

    private async Task ChangeAsync(ConsumeContext context, Func<DateTimeOffset, List<DeadlineClock>, Task> change)
    {
        var cancel = context.CancellationToken;
        var changed = await db.RetryOnConflictAsync(async () =>
        {
            var list = new List<DeadlineClock>();
            var now = time.GetUtcNow();
            if (await db.TryRecordFirstDeliveryAsync(context, nameof(DeadlineClocksConsumer), now))
            {
                await change(now, list);
            }

            await db.SaveChangesAsync(cancel);
            return list;
        }, cancel);

        // A wake-up set for an old alert time may stay: the alerter finds nothing due then.
        foreach (var clock in changed)
        {
            await timers.ScheduleAsync(clock, cancel);
        }
    }
}
