using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Acknowledgements;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>
/// The notifications service's delivery and acknowledgement paths on a real, migrated database (SQLite file or
/// PostgreSQL) with the shipped directory, the real channels (configured to talk to provider stand-ins) and the
/// providers' webhooks served by Kestrel on 127.0.0.1, where a stand-in can call them.
/// </summary>
public sealed class ChannelWorld : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _directory;

    private ChannelWorld(WebApplication app, TempDirectory? directory)
    {
        _app = app;
        _directory = directory;
    }

    /// <summary>The world's own address (the webhooks), with a trailing slash.</summary>
    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<ChannelWorld> SqliteAsync(IDictionary<string, string?> settings)
    {
        var directory = new TempDirectory();
        return StartAsync(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "notifications.db")};Pooling=False", directory, settings);
    }

    public static Task<ChannelWorld> PostgresAsync(string connectionString, IDictionary<string, string?> settings) =>
        StartAsync(DatabaseProvider.Postgres, connectionString, null, settings);

    private static async Task<ChannelWorld> StartAsync(DatabaseProvider provider, string connectionString, TempDirectory? directory, IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var data = directory?.Path ?? Path.Combine(Path.GetTempPath(), "ir-channels-" + Guid.NewGuid().ToString("N"));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:LinkSigningKey"] = "test-link-signing-key-0123456789-abcdefgh",
            ["Notifications:PublicBaseUrl"] = "http://127.0.0.1:5080/",
            [$"{DatabaseOptions.Section}:DataDirectory"] = data,
            ["Notifications:Email:Mode"] = "Pickup",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new DatabaseOptions { Provider = provider, DataDirectory = data }));
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .Configure(o => o.RulesDirectory = ShippedNotificationRules.Directory);
        services.AddOptions<IncidentResponse.ServiceDefaults.Committee.CommitteeOptions>().BindConfiguration(IncidentResponse.ServiceDefaults.Committee.CommitteeOptions.Section);
        services.AddSingleton(ShippedNotificationRules.Rules);
        services.AddSingleton<LinkSigner>();
        services.AddSingleton(PlaybookIndex.Load(PlaybookIndex.DefaultDirectory));
        services.AddSingleton<NotificationRequests>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<UnitDirectory>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddSingleton(new DatabaseStatus());
        services.AddSingleton(new HostIdentity("channel-world-" + Guid.NewGuid().ToString("N")[..8]));
        services.AddScoped<NotificationsDbContext>(_ => EngagementWorld.NewContext(provider, connectionString));
        services.AddScoped<NotificationDelivery>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddScoped<EngagementActions>();
        services.AddScoped<ChannelAcknowledgements>();
        services.AddScoped<EscalationStepDueConsumer>();
        services.AddRateLimiter(o => o.AddPolicy(RateLimitPolicies.Ack, _ => RateLimitPartition.GetNoLimiter("test")));
        // The Host's key ring lives in the Access database; here a folder of the world's own.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        builder.AddNotificationChannels();
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapTelegramUpdates();
        app.MapVoiceCallbacks();
        app.MapZaloEvents();
        app.MapAcknowledgeLinks();
        var world = new ChannelWorld(app, directory);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await db.Database.MigrateAsync(Cancel);
            await new DirectorySynchroniser(ShippedNotificationRules.Rules, TimeProvider.System).SeedAsync(scope.ServiceProvider, Cancel);
        }

        await app.StartAsync(Cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        world.Address = new Uri(address.TrimEnd('/') + "/");
        return world;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> work) => InScopeAsync(sp => work(sp.GetRequiredService<NotificationsDbContext>()));

    /// <summary>
    /// A person of the engaged unit whose directory entry lists <paramref name="channels"/> in order, added as the
    /// directory synchroniser adds a file's people.
    /// </summary>
    public Task<Person> PersonAsync(string unit, params ContactChannel[] channels) => WithDbAsync(async db =>
    {
        var person = new Person
        {
            Id = "p-" + Guid.NewGuid().ToString("N")[..10], Name = "Nguyễn Văn Trực", UnitCode = unit, Language = "vi", TimeZone = Recipient.DefaultTimeZone,
            Source = "database", Channels = JsonSerializer.Serialize(channels, DirectoryJson.Options), UpdatedAt = TimeProvider.System.GetUtcNow(),
        };
        db.People.Add(person);
        await db.SaveChangesAsync(Cancel);
        return person;
    });

    /// <summary>An engagement of <paramref name="unit"/> on a fresh incident, with no notice yet (the duty point's is not the subject here).</summary>
    public Task<Engagement> EngagementAsync(string unit = "vnpt-bn", string tlp = "AMBER") => WithDbAsync(async db =>
    {
        var now = TimeProvider.System.GetUtcNow();
        var incident = Guid.NewGuid();
        var engagement = new Engagement
        {
            Id = Guid.NewGuid(), IncidentId = incident, IncidentNumber = $"SC-2026-{Random.Shared.Next(10000, 99999)}", UnitCode = unit,
            RuleId = "isp-availability-intrusion", RoutingVersion = "2026.1", SeverityLevel = 4, Serious = false, EngagedAt = now,
        };
        db.Engagements.Add(engagement);
        db.Incidents.Add(IncidentCopyOf(engagement, tlp, now));
        await db.SaveChangesAsync(Cancel);
        return engagement;
    });

    private static IncidentResponse.Notifications.Incidents.IncidentCopy IncidentCopyOf(Engagement engagement, string tlp, DateTimeOffset now) => new()
    {
        IncidentId = engagement.IncidentId, Number = engagement.IncidentNumber, Title = "DDoS vào Cổng dịch vụ công", Classification = "availability:ddos",
        SeverityLevel = 4, Serious = false, Tlp = tlp, PersonalData = false, AffectedSystem = "Cổng dịch vụ công", OwnerAgency = "Văn phòng UBND tỉnh",
        Status = "triaged", StateVersion = 1, UpdatedAt = now, Deadlines = "[]",
    };

    /// <summary>An escalation step paging <paramref name="target"/>; the number of notifications it made.</summary>
    public Task<int> StepAsync(Engagement engagement, int step, PageTarget target) =>
        InScopeAsync(sp => sp.GetRequiredService<EscalationStepDueConsumer>().PageAsync(Guid.NewGuid(), new EscalationStepDue(
            engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode, "default", "2026.1", 1, step, false, [target],
            TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow()), Cancel));

    /// <summary>Sends everything due, as the dispatcher does, and returns how many notifications it sent.</summary>
    public Task<int> DispatchAsync() => _app.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(Cancel);

    public Task<Engagement> EngagementStateAsync(Guid id) => WithDbAsync(db => db.Engagements.AsNoTracking().SingleAsync(e => e.Id == id, Cancel));

    public Task<List<Notification>> NotificationsAsync(Guid engagementId) =>
        WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.EngagementId == engagementId).OrderBy(n => n.CreatedAt).ToListAsync(Cancel));

    public Task<List<DeliveryAttempt>> AttemptsAsync(Guid notificationId) =>
        WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().Where(a => a.NotificationId == notificationId).OrderBy(a => a.Sequence).ToListAsync(Cancel));

    /// <summary>The short names of the events waiting in the outbox, in order.</summary>
    public Task<List<string>> OutboxAsync() => WithDbAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.MessageType).ToListAsync(Cancel))
        .Select(t => t[(t.LastIndexOf('.') + 1)..]).ToList());

    /// <summary>Posts <paramref name="body"/> to one of the world's webhooks as a provider would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent body, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = new HttpClient { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = body };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Cancel);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(path, JsonContent.Create(body), headers);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _directory?.Dispose();
    }
}
