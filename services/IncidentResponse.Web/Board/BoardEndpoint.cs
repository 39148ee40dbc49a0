using MassTransit;

namespace IncidentResponse.Web.Board;

/// <summary>
/// The board's receive endpoint: a name unique to this Host instance and temporary (auto-delete,
/// not durable on RabbitMQ), so every Host gets its own copy of each event instead of competing
/// for it, and nothing is left on the broker when the Host stops.
/// </summary>
public static class BoardEndpoint
{
    public const string Prefix = "web-board-";

    public static void AddBoardConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var name = Prefix + NewId.NextGuid().ToString("N");
        bus.AddConsumer<BoardEventsConsumer>().Endpoint(e =>
        {
            e.Name = name;
            e.Temporary = true;
        });
    }
}
