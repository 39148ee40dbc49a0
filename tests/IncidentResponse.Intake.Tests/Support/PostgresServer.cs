using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>
/// One real PostgreSQL for the assembly, started when a test first needs it, durable as deployed (fsync,
/// synchronous_commit and full_page_writes on: Testcontainers turns them off by default, which hides the
/// cost of every commit). The image is <c>IR_TEST_POSTGRES_IMAGE</c> (a local stand-in where no registry is
/// reachable); a run named by <c>IR_TEST_RUN</c> labels it so that the run's clean-up removes it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly Lazy<Task<PostgreSqlContainer>> _container = new(StartAsync);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_container.IsValueCreated && _container.Value.IsCompletedSuccessfully)
        {
            await (await _container.Value).DisposeAsync();
        }
    }

    /// <summary>The server's own connection string (its default database).</summary>
    public async Task<string> ConnectionStringAsync() => (await _container.Value).GetConnectionString();

    /// <summary>The server's settings of these names (<c>SHOW</c>), in order.</summary>
    public async Task<List<string>> SettingsAsync(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        var values = new List<string>();
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            values.Add((string)(await command.ExecuteScalarAsync())!);
        }

        return values;
    }

    /// <summary>A fresh, migrated intake database.</summary>
    public async Task<PostgresIntake> CreateDatabaseAsync()
    {
        var server = await ConnectionStringAsync();
        var name = "intake_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var database = new PostgresIntake(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        await using var db = database.Context();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    private static async Task<PostgreSqlContainer> StartAsync()
    {
        var image = Environment.GetEnvironmentVariable("IR_TEST_POSTGRES_IMAGE") is { Length: > 0 } configured ? configured : "postgres:16";
        var builder = new PostgreSqlBuilder(image)
            .WithCommand("-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on", "-c", "max_connections=200");
        if (Environment.GetEnvironmentVariable("IR_TEST_RUN") is { Length: > 0 } run)
        {
            builder = builder.WithLabel("incidentresponse.test-run", run);
        }

        var container = builder.Build();
        await container.StartAsync();
        return container;
    }
}

/// <summary>One test's intake database on <see cref="PostgresServer"/>.</summary>
public sealed class PostgresIntake(string connectionString) : IIntakeDatabase
{
    public string ConnectionString => connectionString;

    public IntakeDbContext Context(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<PostgresIntakeDbContext>();
        options.UseServiceProvider(DatabaseProvider.Postgres, connectionString, IntakeDbContext.SchemaName);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return new PostgresIntakeDbContext(options.Options);
    }

    public void Dispose()
    {
        // The database goes with the container at the end of the run.
    }
}
