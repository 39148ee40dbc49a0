using System.Collections.Concurrent;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Security;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>
/// Routing and delivery of the notifications service on a real, migrated database (SQLite file or PostgreSQL), with the
/// shipped directory, a sender that records what it was asked to send, and a <see cref="WorkCounter"/> on every context.
/// </summary>
public sealed class PipelineWorld : IAsyncDisposable
{
    private readonly TempDirectory? _directory;
    private readonly ServiceProvider _services;

    private PipelineWorld(DatabaseProvider provider, string connectionString, TempDirectory? directory, string host, TimeSpan? lease)
    {
        _directory = directory;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:LinkSigningKey"] = "test-link-signing-key-0123456789-abcdefgh",
            ["Urls"] = "http://127.0.0.1:5080",
        }).Build());
        services.AddSingleton(Options.Create(new DatabaseOptions { Provider = provider, DataDirectory = directory?.Path ?? Path.GetTempPath() }));
        services.AddSingleton(Options.Create(new NotificationsOptions { RulesDirectory = ShippedNotificationRules.Directory, DispatchLease = lease ?? new NotificationsOptions().DispatchLease }));
        services.AddSingleton(ShippedNotificationRules.Rules);
        services.AddSingleton<LinkSigner>();
        services.AddSingleton(PlaybookIndex.Load(PlaybookIndex.DefaultDirectory));
        services.AddSingleton<NotificationRequests>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<UnitDirectory>();
        services.AddSingleton<RoutingBatcher>();
        services.AddScoped<IncidentRouting>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton(new DatabaseStatus());
        services.AddSingleton(new HostIdentity(host));
        services.AddSingleton(Work);
        services.AddSingleton(Sender);
        services.AddSingleton<IDeliverySender>(Sender);
        services.AddScoped<NotificationDelivery>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddScoped<NotificationsDbContext>(_ => NewContext(provider, connectionString, Work));
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<IncidentTriagedConsumer>());
        _services = services.BuildServiceProvider();
    }

    public WorkCounter Work { get; } = new();

    public RecordingSender Sender { get; } = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A world on a SQLite file, whose dispatcher claims for <paramref name="lease"/> (the shipped lease by default).</summary>
    public static Task<PipelineWorld> SqliteAsync(TimeSpan? lease = null)
    {
        var directory = new TempDirectory();
        return StartAsync(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "notifications.db")};Pooling=False", directory, "sqlite-host", lease);
    }

    /// <summary>A world on PostgreSQL as Host <paramref name="host"/>, whose dispatcher claims for <paramref name="lease"/> (the shipped lease by default).</summary>
    public static Task<PipelineWorld> PostgresAsync(string connectionString, string host = "pg-host", TimeSpan? lease = null) =>
        StartAsync(DatabaseProvider.Postgres, connectionString, null, host, lease);

    private static async Task<PipelineWorld> StartAsync(DatabaseProvider provider, string connectionString, TempDirectory? directory, string host, TimeSpan? lease)
    {
        var world = new PipelineWorld(provider, connectionString, directory, host, lease);
        await using var scope = world._services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.MigrateAsync(Cancel);
        await new DirectorySynchroniser(ShippedNotificationRules.Rules, TimeProvider.System).SeedAsync(scope.ServiceProvider, Cancel);
        world.Work.Reset();
        return world;
    }

    private static NotificationsDbContext NewContext(DatabaseProvider provider, string connectionString, WorkCounter work)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteNotificationsDbContext>();
            sqlite.UseServiceProvider(provider, connectionString, NotificationsDbContext.SchemaName);
            sqlite.AddInterceptors(work);
            return new SqliteNotificationsDbContext(sqlite.Options);
        }

        var postgres = new DbContextOptionsBuilder<PostgresNotificationsDbContext>();
        postgres.UseServiceProvider(provider, connectionString, NotificationsDbContext.SchemaName);
        postgres.AddInterceptors(work);
        return new PostgresNotificationsDbContext(postgres.Options);
    }

    public Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> work) => InScopeAsync(sp => work(sp.GetRequiredService<NotificationsDbContext>()));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Publishes each message on a test bus and waits until all are consumed, without a fault.</summary>
    public async Task DeliverAsync<T>(params T[] messages)
        where T : class
    {
        var harness = _services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var ids = new HashSet<Guid>();
        foreach (var message in messages)
        {
            var id = NewId.NextGuid();
            ids.Add(id);
            await harness.Bus.Publish(message, c => c.MessageId = id, Cancel);
        }

        await Eventually.MatchesAsync(() => Task.FromResult(ids.Count(id => harness.WasConsumed<T>(id))), n => n == ids.Count,
            TimeSpan.FromSeconds(30), $"{typeof(T).Name} to be consumed");
        Assert.False(await harness.Published.Any<Fault<T>>(Cancel));
    }

    /// <summary>One pass of the dispatcher: claims what is due and sends it, until nothing is due.</summary>
    public Task<int> DispatchAsync() => _services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(Cancel);

    public Task<List<Notification>> NotificationsAsync(Guid incidentId) =>
        WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId).ToListAsync(Cancel));

    /// <summary>The short names and bodies of the messages waiting in the outbox, in the order they were added.</summary>
    public Task<List<(string Type, string Body)>> OutboxAsync() => WithDbAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new { m.MessageType, m.Body }).ToListAsync(Cancel))
        .Select(m => (m.MessageType[(m.MessageType.LastIndexOf('.') + 1)..], System.Text.RegularExpressions.Regex.Unescape(m.Body))).ToList());

    /// <summary>A new, serious DDoS on a VNPT-hosted system of the provincial office, as triage first announces it.</summary>
    public static IncidentTriaged NewIncident(Guid? id = null, int version = 1, string status = "new", int severity = 4, bool serious = true) =>
        new(id ?? NewId.NextGuid(), $"SC-2026-{Random.Shared.Next(10000, 99999)}", "DDoS vào Cổng dịch vụ công", "availability:ddos", severity, 70, serious, "AMBER", false,
            new AffectedSystem("Cổng dịch vụ công", "Văn phòng UBND tỉnh", null, 4, "VNPT", null, [], [], [], null, null), [], "2026.1",
            TimeProvider.System.GetUtcNow(), status, version);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory?.Dispose();
    }
}

/// <summary>A sender that delivers every notice on its first try and remembers each (one entry per send).</summary>
public sealed class RecordingSender : IDeliverySender
{
    private readonly ConcurrentQueue<(Guid NotificationId, string Address)> _sent = new();

    /// <summary>Sends to this address fail for good.</summary>
    public string? Refuse { get; set; }

    /// <summary>How long each send takes.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The send of <see cref="HeldNotification"/> waits until this completes (a recipient that does not answer).</summary>
    public TaskCompletionSource Hold { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid? HeldNotification { get; set; }

    public IReadOnlyList<(Guid NotificationId, string Address)> Sent => [.. _sent];

    public async Task<DeliveryReport> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(destination);
        await Task.Delay(Delay, cancellationToken);
        if (notice.NotificationId == HeldNotification)
        {
            await Hold.Task.WaitAsync(cancellationToken);
        }

        if (destination.Address == Refuse)
        {
            return new DeliveryReport([new AttemptRecord(destination.Channel, destination.Address, TimeProvider.System.GetUtcNow(), AttemptOutcome.PermanentFailure, "550 no such user", TimeSpan.Zero)]);
        }

        _sent.Enqueue((notice.NotificationId, destination.Address));
        return new DeliveryReport([new AttemptRecord(destination.Channel, destination.Address, TimeProvider.System.GetUtcNow(), AttemptOutcome.Delivered, "250 2.0.0 OK", TimeSpan.FromMilliseconds(1))]);
    }
}
