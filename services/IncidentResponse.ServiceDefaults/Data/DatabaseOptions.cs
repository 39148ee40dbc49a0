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

    /// <summary>
    /// The most PostgreSQL connections one service of one Host keeps open (Npgsql's pool; its own default is 100 per
    /// connection string). Each service has its own pool, so a Host running every role may open six times this (and
    /// Quartz's few): keep Hosts × 6 × this under the server's <c>max_connections</c>. A busy pool makes callers wait for
    /// a connection (up to the connection string's <c>Timeout</c>) rather than the server refusing new ones (review M7).
    /// A connection string that sets <c>Maximum Pool Size</c> itself keeps it.
    /// </summary>
    public int MaxPoolSize { get; set; } = 25;

    /// <summary>The PostgreSQL connection string of <paramref name="schema"/>'s service: its own, else the shared one, with <see cref="MaxPoolSize"/>.</summary>
    public string? PostgresConnectionString(string schema)
    {
        var chosen = ConnectionStrings.TryGetValue(schema, out var own) && !string.IsNullOrWhiteSpace(own) ? own : ConnectionString;
        if (string.IsNullOrWhiteSpace(chosen) || MaxPoolSize <= 0)
        {
            return chosen;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(chosen);
        if (!SetsPoolSize(chosen))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the text names a pool size itself (in any of the spellings Npgsql accepts).</summary>
    private static bool SetsPoolSize(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=')[0].Replace(" ", "", StringComparison.Ordinal).Trim())
            .Any(k => k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));

    public string SqliteConnectionString(string schema) =>
        $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), schema + ".db")};Pooling=True;Default Timeout=30";
}
