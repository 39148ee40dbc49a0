using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>How a service context talks to its provider; shared by the running Host and the design-time factories.</summary>
public static class DatabaseProviderConfiguration
{
    public const string HistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseServiceProvider(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable, schema)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider"),
        }).UseSnakeCaseNamingConvention();
    }
}
