using IncidentResponse.Intake.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>A real, migrated intake database of either provider; each context is a fresh one.</summary>
public interface IIntakeDatabase : IDisposable
{
    /// <summary>A fresh context; <paramref name="interceptors"/> are a test's hooks into its commands and transactions.</summary>
    IntakeDbContext Context(params IInterceptor[] interceptors);
}

/// <summary>The providers a test runs on: the embedded default and PostgreSQL.</summary>
public static class Providers
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public static async Task<IIntakeDatabase> CreateAsync(string provider, PostgresServer postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        return provider == Postgres ? await postgres.CreateDatabaseAsync() : await SqliteIntake.CreateAsync();
    }
}
