using IncidentResponse.Access;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Escalation;
using IncidentResponse.Host.Backup;
using IncidentResponse.Intake;
using IncidentResponse.Notifications;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Health;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Roles;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage;
using IncidentResponse.Web;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Host;

/// <summary>Builds and runs the Host: <c>[migrate | migrate-queues] [--roles intake,triage,…]</c>, or <c>backup</c> / <c>restore</c> of the embedded default.</summary>
public static partial class IncidentResponseHost
{
    public static IReadOnlyList<IServiceRole> AllRoles { get; } =
        [new IntakeRole(), new TriageRole(), new NotificationsRole(), new EscalationRole(), new WebRole()];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (BackupCommand.Handles(args))
        {
            return await BackupCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
        }

        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception ex) when (ex is InvalidRoleSelectionException or InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"IncidentResponse.Host cannot start: {ex.Message}");
            return 2;
        }

        await using (app)
        {
            if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
            {
                var migrated = await app.Services.GetRequiredService<DatabaseMigrator>().TryMigrateAllAsync(apply: true, CancellationToken.None);
                return migrated ? 0 : 1;
            }

            if (args.Contains(QueueMigrationCommand.Name, StringComparer.OrdinalIgnoreCase))
            {
                return await QueueMigrationCommand.RunAsync(app.Services, CancellationToken.None);
            }

            await app.RunAsync();
            return 0;
        }
    }

    public static WebApplication Build(string[] args, HostCustomization? customization = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var roles = RoleSelection.Select(builder.Configuration["Roles"], customization?.KnownRoles ?? AllRoles);
        DeploymentChecks.Verify(builder.Configuration,
            migrating: args.Contains("migrate", StringComparer.OrdinalIgnoreCase) || args.Contains(QueueMigrationCommand.Name, StringComparer.OrdinalIgnoreCase));

        SocketCompletions.ConfigureKestrel(builder.WebHost);
        builder.AddServiceDefaults();
        builder.AddWebDefaults();
        builder.AddAccess();
        foreach (var role in roles)
        {
            role.AddServices(builder);
        }

        builder.AddMessaging(roles, customization?.ConfigureBus);
        customization?.ConfigureBuilder?.Invoke(builder);
        builder.Services.RemoveKeyRingPreload();

        var app = builder.Build();
        app.UseHttpRequestMetrics();
        app.UseWebDefaults();
        app.MapHealthEndpoints(AccessPolicies.Metrics);
        app.MapAccessEndpoints();
        app.MapPrometheusMetrics(AccessPolicies.Metrics);
        foreach (var role in roles)
        {
            role.MapEndpoints(app);
        }

        var roleNames = string.Join(",", roles.Select(r => r.Name));
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider.ToString();
        var transport = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Transport.ToString();
        LogStarting(app.Logger, roleNames, database, transport);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IncidentResponse Host: roles {Roles}; database {Database}; transport {Transport}")]
    private static partial void LogStarting(ILogger logger, string roles, string database, string transport);
}
