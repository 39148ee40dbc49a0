using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Notifications carried out (or declined) a step's page request: the fired step is answered and is not
/// asked for again by <see cref="StepRequestResender"/>. A step skipped because the engagement had moved on
/// also brings the chain up to date with that milestone, should its own message have been lost: an
/// acknowledged engagement's chain waits for the acknowledgement timeout, an ended one stops.
/// </summary>
public sealed class StepAnswersConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<EscalationStepPaged>, IConsumer<EscalationStepSkipped>
{
    private const string Acknowledged = EngagementStates.Acknowledged;

    public Task Consume(ConsumeContext<EscalationStepPaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AnswerAsync(m.EngagementId, m.Round, m.Step, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<EscalationStepSkipped> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var cancel = context.CancellationToken;
        await AnswerAsync(m.EngagementId, m.Round, m.Step, cancel);
        if (m.EngagementState is not { } state || m.MilestoneAt is not { } at)
        {
            return;
        }

        var moved = await db.RetryOnConflictAsync(async () =>
        {
            var chain = await db.Chains.FirstOrDefaultAsync(c => c.Id == m.EngagementId, cancel);
            var changed = chain is not null && (state == Acknowledged
                ? ChainTransitions.Acknowledge(chain, policies.Find(chain.PolicyId, chain.PolicyVersion), at)
                : ChainTransitions.End(chain, at));
            if (changed)
            {
                chain!.Version++;
                await db.SaveChangesAsync(cancel);
            }

            return changed ? chain : null;
        }, cancel);
        if (moved is not null)
        {
            await timers.ScheduleAsync(moved, cancel);
        }
    }

    private async Task AnswerAsync(Guid chainId, int round, int step, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.FiredSteps
            .Where(s => s.ChainId == chainId && s.Round == round && s.Step == step && s.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AnsweredAt, now), cancellationToken);
    }
}
