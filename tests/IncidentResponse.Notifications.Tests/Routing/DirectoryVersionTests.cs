using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>
/// A directory version that comes into force while the Host runs reaches the database and routing at its start, without
/// a restart (before, the units kept the old duty addresses until someone restarted the Hosts).
/// </summary>
public abstract class DirectoryVersionTests : IAsyncDisposable
{
    private static readonly DateTimeOffset NewYear = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

    private readonly string rulesDirectory = ShippedNotificationRules.CopyWith("directory-2026.2.yaml", text => text);
    private ServiceProvider? services;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<(DatabaseProvider Provider, string ConnectionString)> DatabaseAsync();

    [Fact]
    public async Task A_version_coming_into_force_reaches_the_units_and_routing_at_its_start()
    {
        var shipped = File.ReadAllText(Path.Combine(rulesDirectory, "directory-2026.2.yaml"));
        File.WriteAllText(Path.Combine(rulesDirectory, "directory-2027.1.yaml"), shipped
            .Replace("version: \"2026.2\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: 2026-12-03T00:00:00+07:00", "effectiveFrom: 2027-01-01T00:00:00+07:00", StringComparison.Ordinal)
            .Replace("- email: soc@vnpt-bacninh.example.invalid", "- email: soc-2027@vnpt-bacninh.example.invalid", StringComparison.Ordinal));
        var rules = ShippedNotificationRules.Load(rulesDirectory);
        var clock = new FakeTimeProvider(NewYear.AddSeconds(-10));
        var (provider, connectionString) = await DatabaseAsync();
        var collection = new ServiceCollection();
        collection.AddScoped<NotificationsDbContext>(_ => EngagementWorld.NewContext(provider, connectionString));
        services = collection.BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.MigrateAsync(Cancel);
        }

        var synchroniser = new DirectorySynchroniser(rules, clock);
        await using (var scope = services.CreateAsyncScope())
        {
            await synchroniser.SeedAsync(scope.ServiceProvider, Cancel);
        }

        var directory = new UnitDirectory(rules, clock, synchroniser);
        var status = new DatabaseStatus();
        typeof(DatabaseStatus).GetMethod("ReportAllReady", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(status, null);
        using var watcher = new DirectoryVersionWatcher(rules, synchroniser, services.GetRequiredService<IServiceScopeFactory>(), status, clock,
            NullLogger<DirectoryVersionWatcher>.Instance);

        Assert.Equal("2026.2", synchroniser.SyncedVersion);
        Assert.Contains("soc@vnpt-bacninh", await DutyChannelsAsync(directory), StringComparison.Ordinal);

        await watcher.StartAsync(Cancel);
        await Task.Delay(200, Cancel); // the first round: nothing to do before the new year
        Assert.Equal("2026.2", synchroniser.SyncedVersion);
        clock.Advance(TimeSpan.FromSeconds(10.5)); // past midnight, less than the watcher's longest wait
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (synchroniser.SyncedVersion != "2027.1" && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(20, Cancel);
        }

        await watcher.StopAsync(Cancel);

        Assert.Equal("2027.1", synchroniser.SyncedVersion);
        Assert.Contains("soc-2027@vnpt-bacninh", await DutyChannelsAsync(directory), StringComparison.Ordinal);
        await using var check = services.CreateAsyncScope();
        var unit = await check.ServiceProvider.GetRequiredService<NotificationsDbContext>().Units.AsNoTracking().SingleAsync(u => u.Code == "vnpt-bn", Cancel);
        Assert.Equal("directory 2027.1", unit.Source);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        Directory.Delete(rulesDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<string> DutyChannelsAsync(UnitDirectory directory)
    {
        await using var scope = services!.CreateAsyncScope();
        var units = await directory.UnitsAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), Cancel);
        return units["vnpt-bn"].DutyChannels;
    }
}

public sealed class SqliteDirectoryVersionTests : DirectoryVersionTests, IDisposable
{
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    protected override Task<(DatabaseProvider Provider, string ConnectionString)> DatabaseAsync() =>
        Task.FromResult((DatabaseProvider.Sqlite, $"Data Source={Path.Combine(files.Path, "notifications.db")};Pooling=False"));
}

public sealed class PostgresDirectoryVersionTests(InfrastructureFixture infrastructure) : DirectoryVersionTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<(DatabaseProvider Provider, string ConnectionString)> DatabaseAsync() =>
        (DatabaseProvider.Postgres, await infrastructure.CreateDatabaseAsync("directory_" + Guid.NewGuid().ToString("N")[..12]));
}
