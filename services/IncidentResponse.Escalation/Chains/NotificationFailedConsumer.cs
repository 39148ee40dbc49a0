using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Nobody could be reached by the notice of the current step (or the first notice before any step):
/// the next step of the same round (or a new policy's first step) falls due now instead of waiting for its timer.
/// A first notice fails in milliseconds when no channel works, often before the engagement's chain has started
/// (the two travel on different queues): the failure is then kept as an early milestone, and the chain starts with
/// its first step due at once (<see cref="UnitEngagedConsumer"/>).
/// </summary>
public sealed class NotificationFailedConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) : IConsumer<NotificationFailed>
{
    public async Task Consume(ConsumeContext<NotificationFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        if (m.EngagementId is not { } engagementId)
        {
            return;
        }

        var cancel = context.CancellationToken;
        var kept = false;
        var moved = await db.RetryOnConflictAsync<EscalationChain?>(async () =>
        {
            var now = time.GetUtcNow();
            kept = false;
            if (!await db.TryRecordFirstDeliveryAsync(context, nameof(NotificationFailedConsumer), now))
            {
                kept = true; // given again: a look after the first delivery's commit may not have happened (it failed after it)
                return null;
            }

            var chain = await db.Chains.FirstOrDefaultAsync(c => c.Id == engagementId, cancel);
            if (chain is null && m.Origin == NotificationOrigins.Engagement
                && !await db.EarlyMilestones.AnyAsync(e => e.EngagementId == engagementId && e.Kind == EarlyMilestone.Failed, cancel))
            {
                db.EarlyMilestones.Add(new EarlyMilestone { EngagementId = engagementId, Kind = EarlyMilestone.Failed, At = m.FailedAt });
                kept = true;
            }

            if (chain is null || chain.State != ChainStates.Active || chain.NextDueAt is not { } due || due <= now || !IsCurrent(chain, m.Origin)
                || !NextIsInSameRound(chain))
            {
                await db.SaveChangesAsync(cancel);
                return null;
            }

            chain.NextDueAt = now;
            chain.Version++;
            await db.SaveChangesAsync(cancel);
            return chain;
        }, cancel);

        // The wake-up of the old due time may stay: when it fires the step is no longer due then.
        if (moved is not null)
        {
            await timers.ScheduleAsync(moved, cancel);
        }

        if (kept)
        {
            // The chain may have started meanwhile without seeing the milestone (see LateMilestones).
            foreach (var chain in await LateMilestones.ApplyAsync(db, policies, [engagementId], time.GetUtcNow(), cancel))
            {
                await timers.ScheduleAsync(chain, cancel);
            }
        }
    }

    /// <summary>
    /// A failure brings forward the next step of the same round only: a repeat of the policy keeps its time, as it would page
    /// the same people on the same channels (with every channel down, a chain that repeats until acknowledged paged again
    /// within seconds, round after round).
    /// </summary>
    internal static bool NextIsInSameRound(EscalationChain chain) =>
        chain.LastFiredStep == 0 || chain.Round == chain.LastFiredRound
        // A switch of policy since the failed step: the next is the new policy's first step, not a repeat.
        || (chain.PreviousPolicyId is not null && chain.LastFiredRound <= chain.RoundsBefore);

    /// <summary>The first notice counts while no step has fired; a page counts when it is from the step that fired last.</summary>
    internal static bool IsCurrent(EscalationChain chain, string origin) =>
        origin == NotificationOrigins.Engagement
            ? chain.LastFiredStep == 0
            : NotificationOrigins.TryParseStep(origin, out var round, out var step) && round == chain.LastFiredRound && step == chain.LastFiredStep;
}
