using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Stops or resumes chains as engagements move: an acknowledgement cancels the pending step (and may
/// start the acknowledgement timeout), accept/decline/resolve end the chain (the incident's closing does too:
/// <see cref="Incidents.IncidentStateConsumer"/>).
/// A timer that still fires afterwards finds the chain moved on and does nothing.
/// </summary>
public sealed class EngagementMilestonesConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<EngagementAcknowledged>, IConsumer<EngagementAccepted>, IConsumer<EngagementDeclined>, IConsumer<EngagementResolved>
{
    public Task Consume(ConsumeContext<EngagementAcknowledged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return UpdateAsync(context, m.EngagementId, EarlyMilestone.Acknowledged, m.AcknowledgedAt,
            chain => ChainTransitions.Acknowledge(chain, policies.Find(chain.PolicyId, chain.PolicyVersion), m.AcknowledgedAt));
    }

    public Task Consume(ConsumeContext<EngagementAccepted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EndAsync(context, context.Message.EngagementId, context.Message.AcceptedAt);
    }

    public Task Consume(ConsumeContext<EngagementDeclined> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EndAsync(context, context.Message.EngagementId, context.Message.DeclinedAt);
    }

    public Task Consume(ConsumeContext<EngagementResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EndAsync(context, context.Message.EngagementId, context.Message.ResolvedAt);
    }

    private Task EndAsync(ConsumeContext context, Guid engagementId, DateTimeOffset at) =>
        UpdateAsync(context, engagementId, EarlyMilestone.Ended, at, chain => ChainTransitions.End(chain, at));

    /// <summary>
    /// Changes the engagement's chain in one transaction (retried if a firing step got there first), then sets its
    /// wake-up. Without a chain yet (the engagement's announcement is still on its way) the milestone is kept for it.
    /// </summary>
    private async Task UpdateAsync(ConsumeContext context, Guid engagementId, string kind, DateTimeOffset at, Func<EscalationChain, bool> change)
    {
        var cancel = context.CancellationToken;
        var kept = false;
        var changed = await db.RetryOnConflictAsync(async () =>
        {
            var moved = new List<EscalationChain>();
            var now = time.GetUtcNow();
            kept = false;
            if (!await db.TryRecordFirstDeliveryAsync(context, nameof(EngagementMilestonesConsumer), now))
            {
                kept = true; // given again: a look after the first delivery's commit may not have happened (it failed after it)
                return moved;
            }

            var chain = await db.Chains.FirstOrDefaultAsync(c => c.Id == engagementId, cancel);
            if (chain is null)
            {
                if (!await db.EarlyMilestones.AnyAsync(e => e.EngagementId == engagementId && e.Kind == kind, cancel))
                {
                    db.EarlyMilestones.Add(new EarlyMilestone { EngagementId = engagementId, Kind = kind, At = at });
                }

                kept = true;
            }
            else if (change(chain))
            {
                chain.Version++;
                moved.Add(chain);
            }

            await db.SaveChangesAsync(cancel);
            return moved;
        }, cancel);

        if (kept)
        {
            // The chain may have started meanwhile without seeing the milestone (see LateMilestones).
            changed.AddRange(await LateMilestones.ApplyAsync(db, policies, [engagementId], time.GetUtcNow(), cancel));
        }

        // A wake-up set for the old due time may stay: it finds nothing due then and does nothing.
        foreach (var chain in changed)
        {
            await timers.ScheduleAsync(chain, cancel);
        }
    }
}
