using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Starts an engagement's escalation: the policy in force that fits the unit and severity is chosen
/// and kept, and the first step's timer is set. Once per engagement however often the event comes.
/// </summary>
public sealed class UnitEngagedConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) : IConsumer<UnitEngaged>
{
    public async Task Consume(ConsumeContext<UnitEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var cancel = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(UnitEngagedConsumer), now)
            || await db.Chains.AnyAsync(c => c.Id == m.EngagementId, cancel))
        {
            return;
        }

        var version = policies.VersionAt(m.EngagedAt);
        var policy = version.Choose(m.UnitCode, m.SeverityLevel, m.Serious);
        var chain = ChainTransitions.Start(m, version, policy, now);
        db.Chains.Add(chain);
        await db.SaveChangesAsync(cancel);
        await timers.ScheduleAsync(chain, cancel);
    }
}
