using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Applies every service's migrations. At start-up it runs in the background and retries with
/// backoff, so an unreachable database makes <c>/health/ready</c> fail with a reason instead of
/// crashing the process; the Host's <c>migrate</c> command runs it once in the foreground.
/// </summary>
public sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes,
    IEnumerable<ServiceDatabase> databases,
    IEnumerable<IDatabaseSeeder> seeders,
    DatabaseStatus status,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<DatabaseMigrator> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            logger.LogInformation("Database:MigrateOnStart is false: not migrating; run the Host's migrate command");
        }

        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            if (await TryMigrateAllAsync(apply: options.Value.MigrateOnStart, stoppingToken))
            {
                return;
            }

            var delay = Backoff[Math.Min(attempt, Backoff.Length - 1)];
            LogRetry(logger, delay.TotalSeconds);
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    /// <summary>Migrates (or, without <paramref name="apply"/>, checks) every database once; false if any is not ready.</summary>
    public async Task<bool> TryMigrateAllAsync(bool apply, CancellationToken cancellationToken)
    {
        if (apply && !await TryCreateServiceRolesAsync(cancellationToken))
        {
            return false;
        }

        // Each service's database is independent (a file each on SQLite): migrate them side by side.
        var results = await Task.WhenAll(databases.Select(d => TryMigrateAsync(d, apply, cancellationToken)));
        var allReady = results.All(ready => ready);
        if (allReady && apply)
        {
            allReady = await TrySeedAsync(cancellationToken);
        }

        if (allReady)
        {
            status.ReportAllReady();
            var count = databases.Count();
            var provider = ProviderName();
            LogReady(logger, count, provider);
        }

        return allReady;
    }

    private async Task<bool> TryMigrateAsync(ServiceDatabase database, bool apply, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            await PrepareAsync(context, cancellationToken);
            // Checking first is cheap; migrating an up-to-date database still compares models.
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
            if (pending && apply)
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
            else if (pending)
            {
                throw new InvalidOperationException("schema has pending migrations");
            }

            status.ReportMigrated(database.Schema);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = Failures.Describe(ex);
            status.ReportProblem(database.Schema, reason);
            LogNotReady(logger, database.Schema, ProviderName(), reason);
            return false;
        }
    }

    private async Task<bool> TryCreateServiceRolesAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateServiceRoles || options.Value.Provider != DatabaseProvider.Postgres)
        {
            return true;
        }

        try
        {
            await ServiceRoles.EnsureAsync(options.Value, databases.Select(d => d.Schema), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = Failures.Describe(ex);
            status.ReportProblem("service-roles", reason);
            LogSeedFailed(logger, "service-roles", reason);
            return false;
        }
    }

    private async Task<bool> TrySeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seeder in seeders)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await seeder.SeedAsync(scope.ServiceProvider, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var name = seeder.GetType().Name;
                var reason = Failures.Describe(ex);
                status.ReportProblem(name, reason);
                LogSeedFailed(logger, name, reason);
                return false;
            }
        }

        return true;
    }

    private string ProviderName() => options.Value.Provider.ToString();

    private async Task PrepareAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!context.Database.IsSqlite())
        {
            // On an empty PostgreSQL database EF reads the migrations history of each schema before it
            // creates it, and logs each failed read as an error: an operator's first start would show
            // a dozen. Creating the (empty) history table first, as EF would, makes a first start quiet.
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            return;
        }

        PrivateFiles.CreateFolder(Path.GetFullPath(options.Value.DataDirectory)); // the databases hold personal data: this user only
        // Write-ahead logging lets readers run beside the single writer; the setting persists in the file.
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (context.Database.GetDbConnection().DataSource is { Length: > 0 } file)
            {
                PrivateFiles.Restrict(file); // before the write-ahead log exists: SQLite gives it the database file's mode
            }

            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database '{Schema}' ({Provider}) is not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string schema, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up data step {Seeder} failed: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string seeder, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying database migration in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} service database(s) migrated and ready on {Provider}")]
    private static partial void LogReady(ILogger logger, int count, string provider);
}
