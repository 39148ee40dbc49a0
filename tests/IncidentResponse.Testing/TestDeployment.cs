namespace IncidentResponse.Testing;

/// <summary>Where a test Host keeps its state and exchanges messages: the settings it is started with.</summary>
public abstract record TestDeployment
{
    public abstract IReadOnlyDictionary<string, string> Settings { get; }
}

/// <summary>The embedded default: in-memory transport, SQLite files in a directory of the test's own.</summary>
public sealed record EmbeddedDeployment(string DataDirectory) : TestDeployment
{
    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataDirectory"] = DataDirectory,
        ["Messaging:Transport"] = "InMemory",
        ["Triage:PeriodicReminders"] = "false", // the calendar's reminders would come and go with the day the tests run
    };
}

/// <summary>
/// RabbitMQ and PostgreSQL: a virtual host and a database of the test class's own; the data
/// directory only holds files a distributed Host writes (the mail pickup folder).
/// </summary>
public sealed record DistributedDeployment(Uri RabbitMq, string Postgres) : TestDeployment
{
    public string DataDirectory { get; init; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ir-distributed-" + Guid.NewGuid().ToString("N"));

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(TestSecrets.Settings)
    {
        ["Database:Provider"] = "Postgres",
        ["Database:DataDirectory"] = DataDirectory,
        ["Database:ConnectionString"] = Postgres,
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RabbitMqUri"] = RabbitMq.ToString(),
        ["Triage:PeriodicReminders"] = "false", // the calendar's reminders would come and go with the day the tests run
        ["Security:TimelineKey"] = "test-distributed-timeline-key-0123456789abcdef", // required outside the embedded default
    };
}
