using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Incidents;

/// <summary>
/// Follows each incident's newest state: the legal clocks run while it is open and stop while it is closed,
/// closing it ends its engagements' chains, and new facts (severity, serious) move running chains to the policy
/// those facts choose (<see cref="PolicySwitch"/>). States may arrive in any order; one older than the state held
/// changes nothing. Every state, new or repeated, is answered with the version held.
/// </summary>
public sealed class IncidentStateConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) : IConsumer<IncidentTriaged>
{
    public const string Service = "escalation";

    public async Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancel = context.CancellationToken;
        var (clocks, chains) = await db.RetryOnConflictAsync(() => ApplyAsync(context), cancel, tries: 10);

        // A wake-up set for an old time may stay: it finds nothing due then and does nothing.
        foreach (var clock in clocks)
        {
            await timers.ScheduleAsync(clock, cancel);
        }

        foreach (var chain in chains)
        {
            await timers.ScheduleAsync(chain, cancel);
        }
    }

    private async Task<(List<DeadlineClock> Clocks, List<EscalationChain> Chains)> ApplyAsync(ConsumeContext<IncidentTriaged> context)
    {
        var m = context.Message;
        var cancel = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(IncidentStateConsumer), now))
        {
            return ([], []);
        }

        var copy = await db.Incidents.FirstOrDefaultAsync(i => i.IncidentId == m.IncidentId, cancel);
        List<DeadlineClock> clocks = [];
        List<EscalationChain> chains = [];
        if (copy is null || m.StateVersion == 0 || m.StateVersion > copy.StateVersion)
        {
            if (copy is null)
            {
                copy = new IncidentCopy { IncidentId = m.IncidentId, Status = m.Status ?? IncidentCopy.New };
                db.Incidents.Add(copy);
            }

            var factsChanged = copy.SeverityLevel != m.SeverityLevel || copy.Serious != m.Serious;
            copy.Status = m.Status ?? copy.Status;
            copy.SeverityLevel = m.SeverityLevel;
            copy.Serious = m.Serious;
            copy.StateVersion = Math.Max(copy.StateVersion, m.StateVersion);
            copy.UpdatedAt = now;
            var existing = await db.DeadlineClocks.Where(c => c.IncidentId == m.IncidentId).ToListAsync(cancel);
            var added = new List<DeadlineClock>();
            clocks = DeadlineClockChanges.Apply(m, existing, policies, now, added);
            db.DeadlineClocks.AddRange(added);
            if (copy.IsClosed)
            {
                chains = await db.Chains.Where(c => c.IncidentId == m.IncidentId && c.State != ChainStates.Ended).ToListAsync(cancel);
                chains.RemoveAll(chain => !ChainTransitions.End(chain, now));
                chains.ForEach(chain => chain.Version++);
            }
            else if (factsChanged)
            {
                // Other facts may choose another policy for the engagements still escalating (PolicySwitch).
                chains = await db.Chains.Where(c => c.IncidentId == m.IncidentId && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged))
                    .ToListAsync(cancel);
                chains.RemoveAll(chain => !PolicySwitch.Apply(chain, policies, m.SeverityLevel, m.Serious, now));
            }
        }

        db.PublishAfterCommit(new IncidentStateApplied(copy.IncidentId, copy.StateVersion, Service, now), now);
        await db.SaveChangesAsync(cancel);
        return (clocks, chains);
    }
}
