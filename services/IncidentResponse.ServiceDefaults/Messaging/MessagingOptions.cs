namespace IncidentResponse.ServiceDefaults.Messaging;

public enum MessagingTransport
{
    /// <summary>Embedded default: MassTransit's in-memory transport inside this process.</summary>
    InMemory,

    /// <summary>Distributed deployment: RabbitMQ shared by every Host.</summary>
    RabbitMq,
}

/// <summary>What kind of queue each service receive endpoint is on RabbitMQ.</summary>
public enum RabbitMqQueueType
{
    /// <summary>Replicated on a majority of the cluster's nodes (Raft): survives the loss of a node. The default.</summary>
    Quorum,

    /// <summary>On one node only: for a single-node broker that keeps the classic queues it has.</summary>
    Classic,
}

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>Broker address with credentials and virtual host, e.g. <c>amqp://user:pass@rabbit:5672/incidents</c>.</summary>
    public Uri RabbitMqUri { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>
    /// A cluster's other nodes, separated by commas (<c>rabbitmq-2,rabbitmq-3</c>, or <c>host:port</c>): tried after
    /// the host of <see cref="RabbitMqUri"/>, in that order, with its credentials, virtual host and TLS.
    /// </summary>
    public string? RabbitMqClusterNodes { get; set; }

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

    /// <summary>On RabbitMQ, the type of every service queue (and its <c>_error</c> and <c>_skipped</c> queues).</summary>
    public RabbitMqQueueType RabbitMqQueueType { get; set; } = RabbitMqQueueType.Quorum;

    /// <summary>
    /// With quorum queues: how many times the broker hands a message out again after it came back unsettled (a Host
    /// stopped or crashed holding it, its connection broke) before it dead-letters it to <c>&lt;queue&gt;_error</c>.
    /// Failures of a consumer never count: the Host retries and parks those itself (<c>Redelivery</c>).
    /// </summary>
    public int RabbitMqDeliveryLimit { get; set; } = DefaultDeliveryLimit;

    /// <summary>See <see cref="RabbitMqDeliveryLimit"/>.</summary>
    public const int DefaultDeliveryLimit = 20;

    /// <summary>
    /// On RabbitMQ, how many messages an endpoint that feeds a group commit (<see cref="GroupCommitEndpoints"/>) processes at
    /// once, when <see cref="ConcurrentMessageLimit"/> is 0; it prefetches twice as many (or
    /// <see cref="PrefetchCount"/>, when set and larger). Triage's ingest: 536–680 reports/s at 8 at once (batches of 40 on average, of at
    /// most 64), 668–777 at 16, 720–772 at 128; the closed loop of 32 reporters: 60.5–62.2 reports/s at 8, 60.8–65.4
    /// at 16, 54–57 at 128, where its whole load moved through the stages in one or two batches
    /// (docs/benchmarks/2026-12-04-lean-9.md).
    /// </summary>
    public int GroupCommitConcurrency { get; set; } = 16;

    /// <summary>Messages a receive endpoint may hold unacknowledged on RabbitMQ (0: <see cref="RabbitMqPrefetch"/>).</summary>
    public int PrefetchCount { get; set; }

    /// <summary>
    /// Messages a receive endpoint processes at once (0: <see cref="RabbitMqConcurrency"/> on RabbitMQ;
    /// MassTransit's default in memory, where SQLite has one writer at a time anyway).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; }
}
