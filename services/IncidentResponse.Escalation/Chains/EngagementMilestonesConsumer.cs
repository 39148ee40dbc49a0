using System.Linq.Expressions;
using IncidentResponse.Contracts.Incidents;
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
/// start the acknowledgement timeout), accept/decline/resolve and the incident's closing end the chain.
/// A timer that still fires afterwards finds the chain moved on and does nothing.
/// </summary>
public sealed class EngagementMilestonesConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<EngagementAcknowledged>, IConsumer<EngagementAccepted>, IConsumer<EngagementDeclined>, IConsumer<EngagementResolved>,
    IConsumer<IncidentStatusChanged>
{
    public const string ClosedStatus = "closed";

    public Task Consume(ConsumeContext<EngagementAcknowledged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return UpdateAsync(context, c => c.Id == m.EngagementId,
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

    public Task Consume(ConsumeContext<IncidentStatusChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return m.Status == ClosedStatus
            ? UpdateAsync(context, c => c.IncidentId == m.IncidentId, chain => ChainTransitions.End(chain, m.ChangedAt))
            : Task.CompletedTask;
    }

    private Task EndAsync(ConsumeContext context, Guid engagementId, DateTimeOffset at) =>
        UpdateAsync(context, c => c.Id == engagementId, chain => ChainTransitions.End(chain, at));

    /// <summary>Changes the matching chains in one transaction (retried if a firing step got there first), then sets their wake-ups.</summary>
    private async Task UpdateAsync(ConsumeContext context, Expression<Func<EscalationChain, bool>> which, Func<EscalationChain, bool> change)
    {
        var cancel = context.CancellationToken;
        var changed = await db.RetryOnConflictAsync(async () =>
        {
            var moved = new List<EscalationChain>();
            var now = time.GetUtcNow();
            if (!await db.TryRecordFirstDeliveryAsync(context, nameof(EngagementMilestonesConsumer), now))
            {
                return moved;
            }

            foreach (var chain in await db.Chains.Where(which).ToListAsync(cancel))
            {
                if (change(chain))
                {
                    chain.Version++;
                    moved.Add(chain);
                }
            }

            await db.SaveChangesAsync(cancel);
            return moved;
        }, cancel);

        // A wake-up set for the old due time may stay: it finds nothing due then and does nothing.
        foreach (var chain in changed)
        {
            await timers.ScheduleAsync(chain, cancel);
        }
    }
}
