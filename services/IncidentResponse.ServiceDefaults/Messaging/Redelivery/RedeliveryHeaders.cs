using System.Text.Json;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>How a stored message goes back to its queue, and the header that marks it.</summary>
public static class RedeliveryHeaders
{
    /// <summary>The failed deliveries before this one; its presence tells the consumer side to forget the row on success.</summary>
    public const string Attempt = "IR-Redelivery-Attempt";

    /// <summary>Sends <paramref name="row"/>'s message to its own queue with its message id.</summary>
    public static async Task SendAsync(IBus bus, DeferredMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(row);
        var type = OutboxSerializer.ResolveType(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, OutboxSerializer.Options)
            ?? throw new InvalidOperationException($"deferred message {row.MessageId} has an empty body");
        var endpoint = await bus.GetSendEndpoint(Address(bus, row.Queue));
        await endpoint.Send(message, type, context =>
        {
            context.MessageId = row.MessageId;
            context.Headers.Set(Attempt, row.Attempts);
        }, cancellationToken);
    }

    /// <summary>
    /// Where a message goes back to <paramref name="queue"/>. On RabbitMQ, the queue's own exchange, which its receive
    /// endpoint declared and bound: sending to <c>queue:&lt;name&gt;</c> would declare the queue again with the default
    /// arguments, which a quorum queue (with its delivery limit and dead-lettering) refuses as inequivalent, and the send
    /// would fail for ever. In memory, the queue itself.
    /// </summary>
    public static Uri Address(IBus bus, string queue)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.Address.Scheme.StartsWith("rabbitmq", StringComparison.OrdinalIgnoreCase) ? new Uri($"exchange:{queue}") : new Uri($"queue:{queue}");
    }
}
