using System.Text.Json;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>How a stored message goes back to its queue, and the header that marks it.</summary>
public static class RedeliveryHeaders
{
    /// <summary>The failed deliveries before this one; its presence tells the consumer side to forget the row on success.</summary>
    public const string Attempt = "IR-Redelivery-Attempt";

    /// <summary>Sends <paramref name="row"/>'s message to its own queue (<c>queue:&lt;name&gt;</c>) with its message id.</summary>
    public static async Task SendAsync(ISendEndpointProvider endpoints, DeferredMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(row);
        var type = OutboxSerializer.ResolveType(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, OutboxSerializer.Options)
            ?? throw new InvalidOperationException($"deferred message {row.MessageId} has an empty body");
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{row.Queue}"));
        await endpoint.Send(message, type, context =>
        {
            context.MessageId = row.MessageId;
            context.Headers.Set(Attempt, row.Attempts);
        }, cancellationToken);
    }
}
