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
        var rules = await StartAsync();
        var clock = new FakeTimeProvider(NewYear.AddSeconds(-10));
        var synchroniser = await SeededAsync(rules, clock);

        var directory = new UnitDirectory(rules, clock, synchroniser);
        var status = new DatabaseStatus();
        typeof(DatabaseStatus).GetMethod("ReportAllReady", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(status, null);
        using var watcher = new DirectoryVersionWatcher(rules, synchroniser, services!.GetRequiredService<IServiceScopeFactory>(), status, clock,
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
            clock.Advance(TimeSpan.FromMilliseconds(100)); // in case the wait was read after the advance (a second while behind)
        }

        await watcher.StopAsync(Cancel);

        Assert.Equal("2027.1", synchroniser.SyncedVersion);
        Assert.Contains("soc-2027@vnpt-bacninh", await DutyChannelsAsync(directory), StringComparison.Ordinal);
        Assert.Equal("directory 2027.1", (await UnitAsync()).Source);
    }

    [Fact]
    public async Task Routing_waits_until_this_Host_has_the_version_in_force_and_a_Host_never_takes_the_database_back()
    {
        var rules = await StartAsync();
        var clock = new FakeTimeProvider(NewYear.AddSeconds(-10));
        var synchroniser = await SeededAsync(rules, clock);
        var directory = new UnitDirectory(rules, clock, synchroniser);
        Assert.Contains("soc@vnpt-bacninh", await DutyChannelsAsync(directory), StringComparison.Ordinal);
        var seededAt = (await UnitAsync()).UpdatedAt;

        // Another Host, started without seeding (Kubernetes), learns the version the database holds without writing.
        var other = new DirectorySynchroniser(rules, clock);
        await CatchUpAsync(other);
        Assert.Equal("2026.2", other.SyncedVersion);
        Assert.Equal(seededAt, (await UnitAsync()).UpdatedAt);

        clock.Advance(TimeSpan.FromSeconds(11));
        // Routing with 2027.1's rules and 2026.2's units would skip a unit new in 2027.1 for good: it waits (the message is retried).
        var waits = await Assert.ThrowsAsync<DirectoryNotSynchronisedException>(() => DutyChannelsAsync(directory));
        Assert.Contains("2027.1", waits.Message, StringComparison.Ordinal);

        await CatchUpAsync(synchroniser);
        Assert.Equal("2027.1", synchroniser.SyncedVersion);
        Assert.Contains("soc-2027@vnpt-bacninh", await DutyChannelsAsync(directory), StringComparison.Ordinal);
        var updatedAt = (await UnitAsync()).UpdatedAt;

        await CatchUpAsync(other);
        Assert.Equal("2027.1", other.SyncedVersion);
        Assert.Equal(updatedAt, (await UnitAsync()).UpdatedAt); // noted, not written again

        // A Host whose files stop at 2026.2 leaves the database at 2027.1.
        File.Delete(Path.Combine(rulesDirectory, "directory-2027.1.yaml"));
        var outdated = new DirectorySynchroniser(ShippedNotificationRules.Load(rulesDirectory), clock);
        await CatchUpAsync(outdated);
        Assert.Equal("directory 2027.1", (await UnitAsync()).Source);
        Assert.Null(outdated.SyncedVersion);
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

    /// <summary>The shipped files and a 2027.1 directory (from 1/1/2027, VNPT's duty e-mail changed), on a migrated database.</summary>
    private async Task<IncidentResponse.Notifications.Configuration.NotificationRules> StartAsync()
    {
        var shipped = File.ReadAllText(Path.Combine(rulesDirectory, "directory-2026.2.yaml"));
        File.WriteAllText(Path.Combine(rulesDirectory, "directory-2027.1.yaml"), shipped
            .Replace("version: \"2026.2\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: 2026-12-03T00:00:00+07:00", "effectiveFrom: 2027-01-01T00:00:00+07:00", StringComparison.Ordinal)
            .Replace("- email: soc@vnpt-bacninh.example.invalid", "- email: soc-2027@vnpt-bacninh.example.invalid", StringComparison.Ordinal));
        var (provider, connectionString) = await DatabaseAsync();
        var collection = new ServiceCollection();
        collection.AddScoped<NotificationsDbContext>(_ => EngagementWorld.NewContext(provider, connectionString));
        services = collection.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.MigrateAsync(Cancel);
        return ShippedNotificationRules.Load(rulesDirectory);
    }

    private async Task<DirectorySynchroniser> SeededAsync(IncidentResponse.Notifications.Configuration.NotificationRules rules, TimeProvider clock)
    {
        var synchroniser = new DirectorySynchroniser(rules, clock);
        await using var scope = services!.CreateAsyncScope();
        await synchroniser.SeedAsync(scope.ServiceProvider, Cancel);
        return synchroniser;
    }

    private async Task CatchUpAsync(DirectorySynchroniser synchroniser)
    {
        await using var scope = services!.CreateAsyncScope();
        await synchroniser.CatchUpAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), Cancel);
    }

    private async Task<Unit> UnitAsync()
    {
        await using var scope = services!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Units.AsNoTracking().SingleAsync(u => u.Code == "vnpt-bn", Cancel);
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
