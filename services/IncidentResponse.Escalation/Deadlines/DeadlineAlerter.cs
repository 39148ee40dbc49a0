using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>Sends a deadline clock's due alert (once: the clock's alert count moves in the same transaction) and sets the next; after the last overdue alert the clock is done.</summary>
public sealed class DeadlineAlerter(
    EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time, ILogger<DeadlineAlerter> logger, IPartnerDirectory? directory = null)
{
    public async Task AlertAsync(Guid clockId, int alertIndex, CancellationToken cancellationToken)
    {
        var moved = await db.RetryOnConflictAsync(async () =>
        {
            // As the database keeps it: an alert sent again with the time read back names the same raise, and the timeline keeps one entry.
            var now = StoredPrecision.Of(time.GetUtcNow());
            var clock = await db.DeadlineClocks.FirstOrDefaultAsync(c => c.Id == clockId, cancellationToken);
            if (clock is null || clock.State != ClockStates.Running || clock.AlertsSent != alertIndex || clock.NextAlertAt is null)
            {
                return null;
            }

            var watch = policies.VersionNamed(clock.PolicyVersion, now).Deadlines;
            var stage = watch.StageOf(alertIndex);
            db.PublishAfterCommit(await DeadlineAlerts.OfAsync(db, directory, clock, stage, watch.NotifyOf(stage), now, logger, cancellationToken), now);
            clock.AlertsSent++;
            clock.AlertOwed = stage;
            clock.AlertRequestedAt = now;
            clock.AlertSentAt = now;
            if (DeadlineSchedule.IsLast(alertIndex, watch))
            {
                clock.State = ClockStates.Done;
                clock.NextAlertAt = null;
            }
            else
            {
                DeadlineSchedule.Plan(clock, watch, now);
            }

            clock.Version++;
            await db.SaveChangesAsync(cancellationToken);
            return clock;
        }, cancellationToken);

        if (moved is not null)
        {
            await timers.ScheduleAsync(moved, cancellationToken);
        }
    }
}
