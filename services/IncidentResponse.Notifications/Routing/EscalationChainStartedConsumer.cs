using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Notifications.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Routing;

/// <summary>Escalation holds the engagement's chain: the engagement is not announced again.</summary>
public sealed class EscalationChainStartedConsumer(NotificationsDbContext db) : IConsumer<EscalationChainStarted>
{
    public async Task Consume(ConsumeContext<EscalationChainStarted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await db.Engagements
            .Where(e => e.Id == m.EngagementId && e.ChainHeldAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ChainHeldAt, m.StartedAt), context.CancellationToken);
    }
}
