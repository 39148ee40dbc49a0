using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.Notifications.Acknowledgements;
using IncidentResponse.Notifications.Analytics;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Portal;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Health;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Partners;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications;

/// <summary>
/// Keeps the partner directory, routes triaged incidents to units (engagements) and delivers
/// notifications over e-mail, webhooks, SMS, Telegram, Zalo and voice calls with every attempt on record.
/// </summary>
public sealed class NotificationsRole : IServiceRole
{
    public string Name => NotificationsDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(NotificationsDbContext.SchemaName);
        builder.Services.AddMetricsProbe<Metrics.NotificationsMetricsProbe>();
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section);
        builder.Services.AddSingleton<NotificationRules>();
        builder.Services.AddSingleton<IDatabaseSeeder, RuleVersionRecorder>();
        builder.Services.AddSingleton<DirectorySynchroniser>();
        builder.Services.AddSingleton<IDatabaseSeeder>(sp => sp.GetRequiredService<DirectorySynchroniser>());
        builder.Services.AddHostedService<DirectoryVersionWatcher>();
        builder.Services.AddSingleton<RuleReferenceProblems>();
        builder.Services.AddHostedService<RuleReferenceCheck>(); // once the databases are ready (the directory synchronised)
        builder.Services.AddHealthChecks().AddCheck<RuleReferenceProblems>("rule-references", tags: [HealthEndpoints.ReadyTag]);
        builder.AddPlaybookIndex();
        builder.Services.AddSingleton<NotificationRequests>();
        builder.Services.AddSingleton<DispatchSignal>();
        builder.Services.AddSingleton<UnitDirectory>();
        builder.Services.AddScoped<IPartnerDirectory, PartnerDirectory>();
        builder.Services.AddSingleton<RoutingBatcher>();
        builder.Services.AddScoped<IncidentRouting>();
        builder.Services.AddScoped<NotificationDelivery>();
        builder.Services.AddSingleton<DeliveryRecorder>();
        builder.Services.AddScoped<EngagementActions>();
        builder.Services.AddScoped<ManualEngagements>();
        builder.Services.AddScoped<EngagementNotes>();
        builder.Services.AddScoped<ChannelAcknowledgements>();
        builder.Services.AddScoped<PortalView>();
        builder.Services.AddScoped<UnitAnalytics>();
        builder.Services.AddScoped<IncidentSeries>();
        builder.Services.AddScoped<DeliveryAnalytics>();
        builder.Services.AddHostedService<NotificationDispatcher>();
        builder.Services.AddRedrive<UnitEngagedResender>();
        builder.AddNotificationChannels();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddGroupCommitConsumer<IncidentTriagedConsumer>();
        bus.AddConsumer<EscalationStepDueConsumer>();
        bus.AddConsumer<LegalDeadlineAlertConsumer>();
        bus.AddConsumer<EscalationChainStartedConsumer>();
        bus.AddConsumer<Documents.SendIssuedDocumentConsumer>();
        bus.AddConsumer<Receipts.SendReportReceiptConsumer>();
        bus.AddConsumer<Periodic.PeriodicReportReminderConsumer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDirectory();
        endpoints.MapRecipientRoles();
        endpoints.MapDeliveries();
        endpoints.MapAcknowledgeLinks();
        endpoints.MapEngagements();
        endpoints.MapRoutingGaps();
        endpoints.MapSmsReplies();
        endpoints.MapTelegramUpdates();
        endpoints.MapVoiceCallbacks();
        endpoints.MapZaloEvents();
        endpoints.MapPortal();
        endpoints.MapAnalytics();
    }
}
