using IncidentResponse.Contracts.Incidents;
using MassTransit;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Routes incident states (<see cref="IncidentRouting"/>) together with the states consumed at the same moment
/// (<see cref="RoutingBatcher"/>): a triage batch's states come in one <see cref="IncidentsTriaged"/>, a command's in
/// one <see cref="IncidentTriaged"/>. A message is acknowledged once all its states are committed.
/// </summary>
public sealed class IncidentTriagedConsumer(RoutingBatcher batcher) : IConsumer<IncidentTriaged>, IConsumer<IncidentsTriaged>
{
    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return batcher.RouteAsync(context.MessageId ?? NewId.NextGuid(), context.Message, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentsTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? NewId.NextGuid();
        return batcher.RouteAsync(messageId, context.Message.States, context.CancellationToken);
    }
}
