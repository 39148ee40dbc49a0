using IncidentResponse.Intake.Alertmanager;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Email;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Heartbeats;
using IncidentResponse.Intake.Hotline;
using IncidentResponse.Intake.Integrations;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Systems;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Intake;

/// <summary>Receives incident reports from people and machines, stores each whole and announces it.</summary>
public sealed class IntakeRole : IServiceRole
{
    public string Name => IntakeDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext, SqliteIntakeDbContext, PostgresIntakeDbContext>(IntakeDbContext.SchemaName);
        builder.Services.AddMetricsProbe<Metrics.IntakeMetricsProbe>();
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section);
        builder.Services.AddScoped<ReportInbox>();
        builder.Services.AddSingleton<ReportWriter>();
        builder.Services.AddScoped<HeldReports>();
        builder.Services.AddOptions<MachineIntakeOptions>().BindConfiguration(MachineIntakeOptions.Section);
        builder.Services.AddScoped<AlertIntake>();
        builder.Services.AddSingleton<EventRateLimiter>();
        builder.Services.AddOptions<HeartbeatOptions>().BindConfiguration(HeartbeatOptions.Section);
        builder.Services.AddHostedService<HeartbeatMonitor>();
        builder.Services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.Section)
            .Validate(o => o.CheckInterval > TimeSpan.Zero && o.MaxDuration > TimeSpan.Zero, "Intake:Maintenance:CheckInterval and MaxDuration must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<MaintenanceRelease>();
        builder.Services.AddHostedService(s => s.GetRequiredService<MaintenanceRelease>());
        builder.Services.AddRedrive<UntriagedReportsReannouncer>();
        builder.Services.AddOptions<EmailIntakeOptions>().BindConfiguration(EmailIntakeOptions.Section);
        builder.Services.AddScoped<EmailImporter>();
        builder.Services.AddHostedService<MailboxReader>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReportsTriagedConsumer>();
        bus.AddConsumer<ReportTriagedConsumer>(c => c.Options<BatchOptions>(o => o
            .SetMessageLimit(ReportTriagedConsumer.BatchLimit)
            .SetTimeLimit(ReportTriagedConsumer.BatchWait)));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReportEndpoints();
        endpoints.MapIntegrationEndpoints();
        endpoints.MapEventsApi();
        endpoints.MapAlertmanagerWebhook();
        endpoints.MapHeartbeatEndpoints();
        endpoints.MapMaintenanceEndpoints();
        endpoints.MapSystemEndpoints();
        endpoints.MapHotlineEndpoints();
    }
}
