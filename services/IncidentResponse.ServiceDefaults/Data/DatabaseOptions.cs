namespace IncidentResponse.ServiceDefaults.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: one SQLite file per service under <see cref="DatabaseOptions.DataDirectory"/>.</summary>
    Sqlite,

    /// <summary>Distributed deployment: one PostgreSQL database, one schema per service.</summary>
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL connection string. Ignored for SQLite, whose files live under the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL connection strings per service schema (<c>Database:ConnectionStrings:intake</c> …), each
    /// with a role that owns only that schema. A schema without one uses <see cref="ConnectionString"/>.
    /// </summary>
    public Dictionary<string, string> ConnectionStrings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Before migrating, create (or update) the login role of each per-service connection string and give
    /// it its schema, connected with <see cref="ConnectionString"/> (a role allowed to create roles).
    /// </summary>
    public bool CreateServiceRoles { get; set; }

    /// <summary>Where the embedded deployment keeps its files (SQLite databases, later Quartz and mail pickup).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (the Host's <c>migrate</c> command does it on demand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The PostgreSQL connection string of <paramref name="schema"/>'s service: its own, else the shared one.</summary>
    public string? PostgresConnectionString(string schema) =>
        ConnectionStrings.TryGetValue(schema, out var own) && !string.IsNullOrWhiteSpace(own) ? own : ConnectionString;

    public string SqliteConnectionString(string schema) =>
        $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), schema + ".db")};Pooling=True;Default Timeout=30";
}
