using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Notifications carried out (or declined) a step's page request: the fired step is answered and is not
/// asked for again by <see cref="StepRequestResender"/>.
/// </summary>
public sealed class StepAnswersConsumer(EscalationDbContext db, TimeProvider time) : IConsumer<EscalationStepPaged>, IConsumer<EscalationStepSkipped>
{
    public Task Consume(ConsumeContext<EscalationStepPaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AnswerAsync(m.EngagementId, m.Round, m.Step, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EscalationStepSkipped> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AnswerAsync(m.EngagementId, m.Round, m.Step, context.CancellationToken);
    }

    private async Task AnswerAsync(Guid chainId, int round, int step, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.FiredSteps
            .Where(s => s.ChainId == chainId && s.Round == round && s.Step == step && s.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AnsweredAt, now), cancellationToken);
    }
}
