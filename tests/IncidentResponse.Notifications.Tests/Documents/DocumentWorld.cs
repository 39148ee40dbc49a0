using IncidentResponse.Contracts.Documents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Documents;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Receipts;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Documents;

/// <summary>
/// The notifications service's path for an issued document (and a report's receipt) on a migrated SQLite file with the shipped directory: the
/// consumer, the delivery of each notification through the real e-mail channel and resilient sender, and the pickup
/// folder the mail lands in.
/// </summary>
internal sealed class DocumentWorld : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IHost _host;

    private DocumentWorld()
    {
        var database = $"Data Source={Path.Combine(_directory.Path, "notifications.db")};Pooling=False";
        Pickup = Path.Combine(_directory.Path, "mail-pickup");
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Email:PickupDirectory"] = Pickup,
            ["Security:LinkSigningKey"] = "test-link-signing-key-0123456789-abcdefgh",
            ["Urls"] = "http://127.0.0.1:5080",
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = _directory.Path }));
        builder.Services.AddSingleton(Options.Create(new NotificationsOptions { RulesDirectory = ShippedNotificationRules.Directory }));
        builder.Services.AddSingleton(ShippedNotificationRules.Rules);
        builder.Services.AddSingleton<LinkSigner>();
        builder.Services.AddSingleton(PlaybookIndex.Load(PlaybookIndex.DefaultDirectory));
        builder.Services.AddSingleton<NotificationRequests>();
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddSingleton(new IncidentResponse.ServiceDefaults.Diagnostics.HostIdentity("document-world"));
        builder.Services.AddSingleton<UnitDirectory>();
        builder.Services.AddSingleton<RoutingBatcher>();
        builder.Services.AddScoped<IncidentRouting>();
        builder.Services.AddSingleton<DeliveryRecorder>();
        builder.Services.AddScoped<NotificationsDbContext>(_ =>
        {
            var options = new DbContextOptionsBuilder<SqliteNotificationsDbContext>();
            options.UseServiceProvider(DatabaseProvider.Sqlite, database, NotificationsDbContext.SchemaName);
            return new SqliteNotificationsDbContext(options.Options);
        });
        builder.Services.AddScoped<SendIssuedDocumentConsumer>();
        builder.Services.AddScoped<SendReportReceiptConsumer>();
        builder.Services.AddScoped<IncidentResponse.Notifications.Periodic.PeriodicReportReminderConsumer>();
        builder.Services.AddScoped<NotificationDelivery>();
        builder.AddNotificationChannels();
        _host = builder.Build();
    }

    public string Pickup { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<DocumentWorld> StartAsync()
    {
        var world = new DocumentWorld();
        await using var scope = world._host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.MigrateAsync(Cancel);
        await new DirectorySynchroniser(ShippedNotificationRules.Rules, TimeProvider.System).SeedAsync(scope.ServiceProvider, Cancel);
        return world;
    }

    public Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> work) => InScopeAsync(sp => work(sp.GetRequiredService<NotificationsDbContext>()));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The incident as triage last announced it.</summary>
    public Task<int> IncidentAsync(Guid id, string number, string tlp, bool drill = false) => WithDbAsync(db =>
    {
        db.Incidents.Add(new IncidentCopy
        {
            IncidentId = id, Number = number, Title = "DDoS vào Cổng dịch vụ công", Classification = "availability:ddos", SeverityLevel = 4, Serious = true,
            Tlp = tlp, Drill = drill, Deadlines = "[]", Status = "closed", StateVersion = 7, UpdatedAt = TimeProvider.System.GetUtcNow(),
        });
        return db.SaveChangesAsync(Cancel);
    });

    public Task<int> ConsumeAsync(Guid messageId, SendIssuedDocument message) =>
        InScopeAsync(sp => sp.GetRequiredService<SendIssuedDocumentConsumer>().SendAsync(messageId, message, Cancel));

    public Task<bool> ReceiptAsync(SendReportReceipt message) =>
        InScopeAsync(sp => sp.GetRequiredService<SendReportReceiptConsumer>().SendAsync(message, Cancel));

    public Task<bool> PeriodicAsync(IncidentResponse.Contracts.Periodic.PeriodicReportReminder message) =>
        InScopeAsync(sp => sp.GetRequiredService<IncidentResponse.Notifications.Periodic.PeriodicReportReminderConsumer>().RemindAsync(message, Cancel));

    /// <summary>What the dispatcher does: claims each pending notification of the incident and delivers it.</summary>
    public async Task DispatchAsync(Guid incidentId)
    {
        var pending = await WithDbAsync(db => db.Notifications.Where(n => n.IncidentId == incidentId && n.Status == "pending").Select(n => n.Id).ToListAsync(Cancel));
        foreach (var id in pending)
        {
            await WithDbAsync(db => db.Notifications.Where(n => n.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, "test").SetProperty(n => n.ClaimedUntil, TimeProvider.System.GetUtcNow().AddMinutes(1)), Cancel));
            await InScopeAsync(async sp =>
            {
                await sp.GetRequiredService<NotificationDelivery>().DeliverAsync(id, "test", Cancel);
                return 0;
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Task.CompletedTask;
        _directory.Dispose();
    }
}
