using IncidentResponse.Contracts.Escalation;
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
/// Starts an engagement's escalation: the policy in force that fits the unit and severity is chosen
/// and kept, and the first step's timer is set. Once per engagement however often the event comes, and
/// answered every time (<see cref="EscalationChainStarted"/>), so notifications stops announcing it.
/// What happened before the chain started is applied at once: a closed incident or an engagement already
/// ended gets an ended chain, an acknowledged one an acknowledged chain — never a chain that pages.
/// </summary>
public sealed class UnitEngagedConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) : IConsumer<UnitEngaged>
{
    public async Task Consume(ConsumeContext<UnitEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancel = context.CancellationToken;
        var started = await db.RetryOnConflictAsync(() => StartAsync(context), cancel);
        if (started is not null)
        {
            await timers.ScheduleAsync(started, cancel);
        }
    }

    private async Task<EscalationChain?> StartAsync(ConsumeContext<UnitEngaged> context)
    {
        var m = context.Message;
        var cancel = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(UnitEngagedConsumer), now))
        {
            return null;
        }

        var chain = await db.Chains.FirstOrDefaultAsync(c => c.Id == m.EngagementId, cancel);
        if (chain is not null)
        {
            db.PublishAfterCommit(new EscalationChainStarted(chain.Id, chain.IncidentId, chain.State, now), now);
            await db.SaveChangesAsync(cancel);
            return null;
        }

        // The incident's newest facts choose the policy: a state applied before the engagement arrived may be newer than
        // the facts the engagement was routed with (a state applied later switches the chain, PolicySwitch).
        var copy = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == m.IncidentId, cancel);
        var (severity, serious) = copy is { SeverityLevel: { } level, Serious: { } flag } ? (level, flag) : (m.SeverityLevel, m.Serious);
        var version = policies.VersionAt(m.EngagedAt);
        var policy = version.Choose(m.UnitCode, severity, serious);
        chain = ChainTransitions.Start(m, version, policy, now);
        (chain.SeverityLevel, chain.Serious) = (severity, serious);
        var early = await db.EarlyMilestones.Where(e => e.EngagementId == m.EngagementId).ToListAsync(cancel);
        if (early.FirstOrDefault(e => e.Kind == EarlyMilestone.Acknowledged) is { } acknowledged)
        {
            ChainTransitions.Acknowledge(chain, policy, acknowledged.At);
        }

        var closed = copy?.IsClosed == true;
        if (early.FirstOrDefault(e => e.Kind == EarlyMilestone.Ended) is { } ended)
        {
            ChainTransitions.End(chain, ended.At);
        }
        else if (closed)
        {
            ChainTransitions.End(chain, now);
        }

        db.EarlyMilestones.RemoveRange(early);
        db.Chains.Add(chain);
        db.PublishAfterCommit(new EscalationChainStarted(chain.Id, chain.IncidentId, chain.State, now), now);
        await db.SaveChangesAsync(cancel);
        return chain;
    }
}
