using IncidentResponse.Contracts.Incidents;
using MassTransit;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Routes an incident's state (<see cref="IncidentRouting"/>) together with the states consumed at the same moment
/// (<see cref="RoutingBatcher"/>); this message is acknowledged once its state is committed.
/// </summary>
public sealed class IncidentTriagedConsumer(RoutingBatcher batcher) : IConsumer<IncidentTriaged>
{
    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return batcher.RouteAsync(context.MessageId ?? NewId.NextGuid(), context.Message, context.CancellationToken);
    }
}
