using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>A real, migrated intake database (SQLite) in a temporary directory; each context is a fresh one.</summary>
public sealed class SqliteIntake : IIntakeDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intake-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "intake.db")};Pooling=False";

    public static async Task<SqliteIntake> CreateAsync()
    {
        var database = new SqliteIntake();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>A fresh context; <paramref name="interceptor"/> is a test's hook into its commands.</summary>
    public SqliteIntakeDbContext NewContext(IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<SqliteIntakeDbContext>();
        options.UseServiceProvider(DatabaseProvider.Sqlite, ConnectionString, IntakeDbContext.SchemaName);
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new SqliteIntakeDbContext(options.Options);
    }

    public IntakeDbContext Context(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqliteIntakeDbContext>();
        options.UseServiceProvider(DatabaseProvider.Sqlite, ConnectionString, IntakeDbContext.SchemaName);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return new SqliteIntakeDbContext(options.Options);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
