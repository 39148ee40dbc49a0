using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>A real, migrated triage database on the test run's PostgreSQL container; each context is a fresh one.</summary>
public sealed class PostgresDatabase(string connectionString)
{
    public static async Task<PostgresDatabase> CreateAsync(Testing.InfrastructureFixture infrastructure, string name)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var database = new PostgresDatabase(await infrastructure.CreateDatabaseAsync(Testing.TestNames.Unique(name)));
        await using var db = database.NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>A fresh context with the test timeline keys (or those of <paramref name="services"/>); <paramref name="interceptor"/> is a test's hook into its commands.</summary>
    public PostgresTriageDbContext NewContext(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null, IServiceProvider? services = null)
    {
        var options = new DbContextOptionsBuilder<PostgresTriageDbContext>();
        options.UseServiceProvider(DatabaseProvider.Postgres, connectionString, TriageDbContext.SchemaName);
        options.UseApplicationServiceProvider(services ?? TestTimelineKeys.Services); // the timeline keys
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new PostgresTriageDbContext(options.Options);
    }
}
