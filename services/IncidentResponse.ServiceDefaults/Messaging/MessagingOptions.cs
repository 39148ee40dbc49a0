namespace IncidentResponse.ServiceDefaults.Messaging;

public enum MessagingTransport
{
    /// <summary>Embedded default: MassTransit's in-memory transport inside this process.</summary>
    InMemory,

    /// <summary>Distributed deployment: RabbitMQ shared by every Host.</summary>
    RabbitMq,
}

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>Broker address with credentials and virtual host, e.g. <c>amqp://user:pass@rabbit:5672/incidents</c>.</summary>
    public Uri RabbitMqUri { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>Messages a receive endpoint may hold unacknowledged (0: MassTransit's default).</summary>
    public int PrefetchCount { get; set; }

    /// <summary>Messages a receive endpoint processes at once (0: as many as prefetched).</summary>
    public int ConcurrentMessageLimit { get; set; }
}
