using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.ServiceDefaults.Security;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>
/// The notifications service's engagement machinery on a real, migrated database (a SQLite file, or
/// a PostgreSQL database of the shared container), with the shipped directory: each scope is a
/// fresh DbContext, as each message or request gets in the Host.
/// </summary>
public sealed class EngagementWorld : IAsyncDisposable
{
    private readonly TempDirectory? _directory;
    private readonly ServiceProvider _services;

    private EngagementWorld(DatabaseProvider provider, string connectionString, TempDirectory? directory)
    {
        _directory = directory;
        Provider = provider;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:LinkSigningKey"] = "test-link-signing-key-0123456789-abcdefgh",
            ["Urls"] = "http://127.0.0.1:5080",
        }).Build());
        services.AddSingleton(Options.Create(new DatabaseOptions { Provider = provider, DataDirectory = directory?.Path ?? Path.GetTempPath() }));
        services.AddSingleton(Options.Create(new NotificationsOptions { RulesDirectory = ShippedNotificationRules.Directory }));
        services.AddSingleton(ShippedNotificationRules.Rules);
        services.AddSingleton<LinkSigner>();
        services.AddSingleton(PlaybookIndex.Load(PlaybookIndex.DefaultDirectory));
        services.AddSingleton<NotificationRequests>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton(new HostIdentity("engagement-world"));
        services.AddSingleton<UnitDirectory>();
        services.AddSingleton<RoutingBatcher>();
        services.AddScoped<IncidentRouting>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddScoped<NotificationsDbContext>(_ => NewContext(provider, connectionString));
        services.AddScoped<EngagementActions>();
        services.AddScoped<ManualEngagements>();
        services.AddScoped<EngagementNotes>();
        services.AddScoped<IncidentResponse.Notifications.Portal.PortalView>();
        services.AddScoped<EscalationStepDueConsumer>();
        services.AddScoped<LegalDeadlineAlertConsumer>();
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<IncidentTriagedConsumer>());
        _services = services.BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<EngagementWorld> SqliteAsync()
    {
        var directory = new TempDirectory();
        // No pooling: the file can be removed as soon as the test ends.
        return StartAsync(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "notifications.db")};Pooling=False", directory);
    }

    public static Task<EngagementWorld> PostgresAsync(string connectionString) => StartAsync(DatabaseProvider.Postgres, connectionString, null);

    private static async Task<EngagementWorld> StartAsync(DatabaseProvider provider, string connectionString, TempDirectory? directory)
    {
        var world = new EngagementWorld(provider, connectionString, directory);
        await using var scope = world._services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        await db.Database.MigrateAsync(Cancel);
        await new DirectorySynchroniser(ShippedNotificationRules.Rules, TimeProvider.System).SeedAsync(scope.ServiceProvider, Cancel);
        return world;
    }

    /// <summary>A notifications context of the provider on the connection string: the scoped context of the test worlds.</summary>
    internal static NotificationsDbContext NewContext(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteNotificationsDbContext>();
            sqlite.UseServiceProvider(provider, connectionString, NotificationsDbContext.SchemaName);
            return new SqliteNotificationsDbContext(sqlite.Options);
        }

        var postgres = new DbContextOptionsBuilder<PostgresNotificationsDbContext>();
        postgres.UseServiceProvider(provider, connectionString, NotificationsDbContext.SchemaName);
        return new PostgresNotificationsDbContext(postgres.Options);
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope (a fresh DbContext).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> work) => InScopeAsync(sp => work(sp.GetRequiredService<NotificationsDbContext>()));

    public Task<EngagementChange> ActAsync(Guid engagementId, EngagementAction action, string? text = null, Guid? notificationId = null, string by = "Phạm Minh Đức", string channel = "api") =>
        InScopeAsync(sp => sp.GetRequiredService<EngagementActions>().ApplyAsync(engagementId, action, new EngagementActor(by, channel), text, notificationId, null, Cancel));

    /// <summary>Delivers <paramref name="message"/> to the service's consumers on a test bus and waits until it is consumed, without a fault.</summary>
    public async Task DeliverAsync<T>(T message)
        where T : class
    {
        var harness = _services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var id = NewId.NextGuid();
        await harness.Bus.Publish(message, c => c.MessageId = id, Cancel);
        await Eventually.MatchesAsync(() => Task.FromResult(harness.WasConsumed<T>(id)), consumed => consumed,
            TimeSpan.FromSeconds(30), $"{typeof(T).Name} to be consumed");
        Assert.False(await harness.Published.Any<Fault<T>>(Cancel));
    }

    public Task<int> StepDueAsync(EscalationStepDue message, Guid? messageId = null) =>
        InScopeAsync(sp => sp.GetRequiredService<EscalationStepDueConsumer>().PageAsync(messageId ?? Guid.NewGuid(), message, Cancel));

    public Task<bool> DeadlineAlertAsync(LegalDeadlineAlert message, Guid? messageId = null) =>
        InScopeAsync(sp => sp.GetRequiredService<LegalDeadlineAlertConsumer>().AlertAsync(messageId ?? Guid.NewGuid(), message, Cancel));

    /// <summary>An incident engaging <paramref name="unit"/>, with the duty point's first notice, as routing leaves it.</summary>
    public Task<(Engagement Engagement, Notification First)> EngageAsync(string unit = "vnpt-bn", Guid? incidentId = null, string tlp = "AMBER") => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<NotificationsDbContext>();
        var requests = sp.GetRequiredService<NotificationRequests>();
        var now = TimeProvider.System.GetUtcNow();
        var incident = incidentId ?? Guid.NewGuid();
        var number = $"SC-2026-{Random.Shared.Next(10000, 99999)}";
        var engagement = new Engagement
        {
            Id = Guid.NewGuid(), IncidentId = incident, IncidentNumber = number, UnitCode = unit, RuleId = "isp-availability-intrusion",
            RoutingVersion = "2026.1", SeverityLevel = 4, Serious = false, EngagedAt = now,
        };
        db.Engagements.Add(engagement);
        var target = await db.Units.SingleAsync(u => u.Code == unit, Cancel);
        var facts = new IncidentFacts(incident, number, "DDoS vào Cổng dịch vụ công", "availability:ddos", 4, false, tlp, false, "Cổng dịch vụ công",
            "Văn phòng UBND tỉnh", []);
        var first = await requests.AddAsync(db, NotificationRecipient.Duty(target), facts, NoticeKind.Engaged, engagement.Id, $"engagement:{engagement.Id:N}:duty",
            NotificationOrigins.Engagement, "lý do", "reason", now, Cancel);
        await db.SaveChangesAsync(Cancel);
        return (engagement, first!);
    });

    /// <summary>The loop that announces engagements again, over this world's database, with every engagement owed at once.</summary>
    public UnitEngagedResender Resender() => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        new RedriveClock(Options.Create(new MessagingOptions { Transport = MessagingTransport.RabbitMq }), TimeProvider.System),
        Options.Create(new NotificationsOptions { ResendAfter = TimeSpan.Zero }), new DatabaseStatus(), TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<UnitEngagedResender>.Instance);

    public static EscalationStepDue Step(Engagement engagement, int round, int step, params PageTarget[] targets) => new(
        engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode, "default", "2026.1", round, step, false, targets,
        TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow());

    public Task<Engagement> EngagementAsync(Guid id) => WithDbAsync(db => db.Engagements.AsNoTracking().SingleAsync(e => e.Id == id, Cancel));

    public Task<List<Notification>> NotificationsAsync(Guid incidentId) =>
        WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId).ToListAsync(Cancel));

    /// <summary>The short names of the messages waiting in the outbox, in the order they were added.</summary>
    public Task<List<(string Type, string Body)>> OutboxAsync() => WithDbAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new { m.MessageType, m.Body }).ToListAsync(Cancel))
        .Select(m => (m.MessageType[(m.MessageType.LastIndexOf('.') + 1)..], System.Text.RegularExpressions.Regex.Unescape(m.Body))).ToList());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory?.Dispose();
    }
}
