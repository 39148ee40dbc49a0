using MassTransit;

namespace IncidentResponse.Web.Board;

/// <summary>
/// The board's receive endpoint: a name unique to this Host instance and temporary (auto-delete,
/// not durable on RabbitMQ), so every Host gets its own copy of each event instead of competing
/// for it, and nothing is left on the broker when the Host stops. It is not started with the bus:
/// <see cref="BoardListener"/> connects it while a board stream is open.
/// </summary>
public static class BoardEndpoint
{
    public const string Prefix = "web-board-";

    public static void AddBoardConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<BoardEventsConsumer>();
    }

    /// <summary>Makes <paramref name="endpoint"/> temporary and gives it the board's consumer.</summary>
    public static void Configure(IBusRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.AutoDelete = true;
            rabbit.Durable = false;
        }

        endpoint.ConfigureConsumer<BoardEventsConsumer>(context);
    }
}
