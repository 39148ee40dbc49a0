using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>A real, migrated triage database in a temporary SQLite file; each context is a fresh one.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();

    private SqliteDatabase()
    {
        // No pooling: the file can be removed as soon as the test ends.
        ConnectionString = $"Data Source={Path.Combine(_directory.Path, "triage.db")};Pooling=False";
    }

    public string ConnectionString { get; }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>A fresh context with the test timeline keys (or those of <paramref name="services"/>); <paramref name="interceptor"/> is a test's hook into its saves.</summary>
    public SqliteTriageDbContext NewContext(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null, IServiceProvider? services = null)
    {
        var options = new DbContextOptionsBuilder<SqliteTriageDbContext>();
        options.UseServiceProvider(DatabaseProvider.Sqlite, ConnectionString, TriageDbContext.SchemaName);
        options.UseApplicationServiceProvider(services ?? TestTimelineKeys.Services); // the timeline keys
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new SqliteTriageDbContext(options.Options);
    }

    public void Dispose() => _directory.Dispose();
}
