using System.Runtime.ExceptionServices;
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
/// Starts engagements' escalations: for each, the policy in force that fits the unit and severity is chosen
/// and kept, and the first step's timer is set. The engagements of one routing commit (<see cref="UnitsEngaged"/>,
/// or one <see cref="UnitEngaged"/> from before batches) start in one transaction, answered by one
/// <see cref="EscalationChainsStarted"/>. Once per engagement however often it comes: the chain's key is the
/// engagement's id, so a repeat finds its chain and is answered again (notifications stops announcing it), and two
/// deliveries racing for one chain collide on the key and the loser re-reads. What happened before a chain started is
/// applied at once: a closed incident or an engagement already ended gets an ended chain, an acknowledged one an
/// acknowledged chain — never a chain that pages — and one whose first notice already failed a chain whose first step is due now.
/// </summary>
public sealed class UnitEngagedConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<UnitsEngaged>, IConsumer<UnitEngaged>
{
    public Task Consume(ConsumeContext<UnitsEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StartAsync(context.Message.Engagements, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<UnitEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StartAsync([context.Message], context.CancellationToken);
    }

    /// <summary>Starts the chains of <paramref name="engagements"/> that have none, answers all of them, then sets the wake-ups.</summary>
    public async Task StartAsync(IReadOnlyList<UnitEngaged> engagements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engagements);
        var (started, failure) = await BatchHalves.ApplyAsync(db, engagements,
            part => db.RetryOnConflictAsync(() => StartTogetherAsync(part, cancellationToken), cancellationToken));
        await timers.ScheduleAsync(started, [], cancellationToken);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task<IReadOnlyCollection<EscalationChain>> StartTogetherAsync(IReadOnlyList<UnitEngaged> engagements, CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        var unique = engagements.DistinctBy(e => e.EngagementId).ToList();
        var ids = unique.Select(e => e.EngagementId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var held = await db.Chains.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.IncidentId, c.State }).ToDictionaryAsync(c => c.Id, cancel);
        var fresh = unique.Where(e => !held.ContainsKey(e.EngagementId)).ToList();
        var started = new List<EscalationChain>(fresh.Count);
        if (fresh.Count > 0)
        {
            var incidentIds = fresh.Select(e => e.IncidentId).Distinct().ToList();
            var freshIds = fresh.Select(e => e.EngagementId).ToList();
            var copies = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.IncidentId)).ToDictionaryAsync(i => i.IncidentId, cancel);
            var early = await db.EarlyMilestones.Where(e => freshIds.Contains(e.EngagementId)).ToListAsync(cancel);
            foreach (var engaged in fresh)
            {
                started.Add(Start(engaged, copies.GetValueOrDefault(engaged.IncidentId), early.Where(e => e.EngagementId == engaged.EngagementId).ToList(), now));
            }

            db.EarlyMilestones.RemoveRange(early);
            db.Chains.AddRange(started);
        }

        var answers = unique.Select(e => held.TryGetValue(e.EngagementId, out var chain)
            ? new EscalationChainStarted(chain.Id, chain.IncidentId, chain.State, now)
            : new EscalationChainStarted(e.EngagementId, e.IncidentId, started.First(c => c.Id == e.EngagementId).State, now)).ToList();
        db.PublishAfterCommit(new EscalationChainsStarted(answers), now);
        // Chains are added here and nowhere else: by COPY on PostgreSQL when there are enough (see AddedRowsCopy).
        await db.SaveChangesCopyingAsync([typeof(EscalationChain)], cancel);
        await transaction.CommitAsync(cancel);
        return started;
    }

    private EscalationChain Start(UnitEngaged m, Incidents.IncidentCopy? copy, List<EarlyMilestone> early, DateTimeOffset now)
    {
        // The incident's newest facts choose the policy: a state applied before the engagement arrived may be newer than
        // the facts the engagement was routed with (a state applied later switches the chain, PolicySwitch).
        var (severity, serious) = copy is { SeverityLevel: { } level, Serious: { } flag } ? (level, flag) : (m.SeverityLevel, m.Serious);
        var version = policies.VersionAt(m.EngagedAt);
        var policy = version.Choose(m.UnitCode, severity, serious);
        var chain = ChainTransitions.Start(m, version, policy, now);
        (chain.SeverityLevel, chain.Serious) = (severity, serious);
        LateMilestones.Apply(chain, early, policy, now);
        if (copy?.IsClosed == true)
        {
            ChainTransitions.End(chain, now); // (a chain ended by a milestone keeps that end)
        }

        return chain;
    }
}
