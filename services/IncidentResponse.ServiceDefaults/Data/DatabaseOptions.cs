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

    /// <summary>Where the embedded deployment keeps its files (SQLite databases, later Quartz and mail pickup).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (the Host's <c>migrate</c> command does it on demand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public string SqliteConnectionString(string schema) =>
        $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), schema + ".db")};Pooling=True;Default Timeout=30";
}
