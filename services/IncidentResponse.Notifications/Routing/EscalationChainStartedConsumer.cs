using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Notifications.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Escalation holds the engagements' chains: they are not announced again. The batch answer and the single one (from
/// before batches) take the same path, one transaction per message: one statement per distinct start time, usually one.
/// Applying an answer twice changes nothing (only an engagement not yet marked is marked).
/// </summary>
public sealed class EscalationChainStartedConsumer(NotificationsDbContext db) : IConsumer<EscalationChainsStarted>, IConsumer<EscalationChainStarted>
{
    public Task Consume(ConsumeContext<EscalationChainsStarted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HeldAsync(context.Message.Chains, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EscalationChainStarted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HeldAsync([context.Message], context.CancellationToken);
    }

    public async Task HeldAsync(IReadOnlyCollection<EscalationChainStarted> chains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chains);
        var groups = chains.GroupBy(c => c.StartedAt).ToList();
        await using var transaction = groups.Count > 1 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var group in groups)
        {
            var ids = group.Select(c => c.EngagementId).Distinct().ToList();
            var at = group.Key;
            await db.Engagements
                .Where(e => ids.Contains(e.Id) && e.ChainHeldAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ChainHeldAt, at), cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
