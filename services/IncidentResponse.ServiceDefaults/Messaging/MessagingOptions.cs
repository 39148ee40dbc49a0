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

    /// <summary>With an <c>amqps://</c> address: the only authority (PEM or DER file) the broker's certificate may chain to; unset, the system's trusted roots.</summary>
    public string? RabbitMqCaCertificatePath { get; set; }

    /// <summary>With an <c>amqps://</c> address: the name the broker's certificate must carry, when it is not the address's host.</summary>
    public string? RabbitMqTlsServerName { get; set; }

    /// <summary>
    /// On RabbitMQ, what a receive endpoint prefetches when <see cref="PrefetchCount"/> is 0. Chosen by the
    /// ingest benchmark: with MassTransit's own default (twice the cores, 4 on two) consumers, which mostly
    /// wait for the database, triaged 80 reports/s against 103 (256 prefetched, 64 at once: 94; see docs/benchmarks).
    /// </summary>
    public const int RabbitMqPrefetch = 64;

    /// <summary>
    /// On RabbitMQ, how many messages an endpoint processes at once when <see cref="ConcurrentMessageLimit"/> is 0.
    /// A Host with every role has about twenty endpoints; at 32 each, a backlog (a restart after a broker outage)
    /// ran hundreds of transactions at once on two cores, racing each other on the same incidents. The
    /// distributed-kills chaos run (seed 456982, 129–139 incidents waiting) drained 5.2 incidents/s at 32,
    /// 8.8 at 8 and 9.0 at 4 (docs/benchmarks/2026-12-03-concurrency.md).
    /// </summary>
    public const int RabbitMqConcurrency = 8;

    /// <summary>Messages a receive endpoint may hold unacknowledged on RabbitMQ (0: <see cref="RabbitMqPrefetch"/>).</summary>
    public int PrefetchCount { get; set; }

    /// <summary>
    /// Messages a receive endpoint processes at once (0: <see cref="RabbitMqConcurrency"/> on RabbitMQ;
    /// MassTransit's default in memory, where SQLite has one writer at a time anyway).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; }
}
