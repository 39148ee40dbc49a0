using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Early milestones that a chain's start did not see: the start read them before the milestone committed, and the milestone's
/// consumer looked for the chain before the start committed (read committed lets each miss the other). The milestone's
/// consumer looks again after its commit and, finding the chain, applies the milestone as the start would have, and removes
/// it. The start does not look again (one more read for every batch of engagements, for a rare event): a start that commits
/// after that second look still misses it, a window of the start's own few milliseconds. Then a failure's step 1 waits its
/// timer, as before failures were kept, and an acknowledgement or end heard early leaves a chain whose page notifications
/// skips (it checks the engagement's state before paging).
/// </summary>
public static class LateMilestones
{
    /// <summary>Applies and removes the milestones kept for the chains of <paramref name="engagementIds"/>; returns the chains changed.</summary>
    public static async Task<IReadOnlyList<EscalationChain>> ApplyAsync(
        EscalationDbContext db, PolicyBook policies, IReadOnlyCollection<Guid> engagementIds, DateTimeOffset now, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policies);
        if (engagementIds.Count == 0 || !await db.EarlyMilestones.AsNoTracking().AnyAsync(e => engagementIds.Contains(e.EngagementId), cancel))
        {
            return [];
        }

        return await db.RetryOnConflictAsync<IReadOnlyList<EscalationChain>>(async () =>
        {
            var kept = await db.EarlyMilestones.Where(e => engagementIds.Contains(e.EngagementId)).ToListAsync(cancel);
            var ids = kept.Select(e => e.EngagementId).Distinct().ToList();
            var chains = await db.Chains.Where(c => ids.Contains(c.Id)).ToListAsync(cancel);
            var changed = new List<EscalationChain>();
            foreach (var chain in chains)
            {
                var own = kept.Where(e => e.EngagementId == chain.Id).ToList();
                if (Apply(chain, own, policies.Find(chain.PolicyId, chain.PolicyVersion), now))
                {
                    chain.Version++;
                    changed.Add(chain);
                }

                db.EarlyMilestones.RemoveRange(own);
            }

            await db.SaveChangesAsync(cancel);
            return changed;
        }, cancel);
    }

    /// <summary>Applies milestones heard before the chain started, as its start does; false when nothing changed.</summary>
    internal static bool Apply(EscalationChain chain, IReadOnlyList<EarlyMilestone> early, EscalationPolicy? policy, DateTimeOffset now)
    {
        var changed = false;
        if (early.FirstOrDefault(e => e.Kind == EarlyMilestone.Acknowledged) is { } acknowledged)
        {
            changed |= ChainTransitions.Acknowledge(chain, policy, acknowledged.At);
        }

        if (early.FirstOrDefault(e => e.Kind == EarlyMilestone.Ended) is { } ended)
        {
            changed |= ChainTransitions.End(chain, ended.At);
        }

        if (chain.State == ChainStates.Active && chain.LastFiredStep == 0 && chain.NextDueAt > now && early.Any(e => e.Kind == EarlyMilestone.Failed))
        {
            // The first notice reached nobody before the chain started: step 1 is due now, as NotificationFailedConsumer would
            // have made it had the chain been there.
            chain.NextDueAt = now;
            changed = true;
        }

        return changed;
    }
}
