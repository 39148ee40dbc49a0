using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Incidents;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Partners;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation;

/// <summary>Escalates unacknowledged engagements on durable timers and tracks legal deadlines; keeps the on-call schedules.</summary>
public sealed class EscalationRole : IServiceRole
{
    public string Name => EscalationDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<EscalationDbContext, SqliteEscalationDbContext, PostgresEscalationDbContext>(EscalationDbContext.SchemaName);
        builder.Services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section);
        builder.Services.AddSingleton(sp => new ScheduleBook(sp.GetRequiredService<IOptions<EscalationOptions>>().Value.RulesDirectory));
        // The webhook rule is the notifications service's setting: the same hosts may be reached over plain http.
        builder.Services.AddSingleton(sp => new PolicyBook(sp.GetRequiredService<IOptions<EscalationOptions>>().Value.RulesDirectory,
            builder.Configuration.GetSection("Notifications:PlainHttpWebhookHosts").Get<string[]>()));
        builder.Services.AddSingleton<IDatabaseSeeder, RuleVersionRecorder>();
        builder.Services.AddSingleton<TargetResolver>();
        builder.Services.AddSingleton<IRuleReferences, EscalationRuleReferences>();
        builder.Services.AddScoped<EscalationStepper>();
        builder.Services.AddSingleton<Metrics.EscalationMetrics>();
        builder.Services.AddMetricsProbe(sp => sp.GetRequiredService<Metrics.EscalationMetrics>());
        builder.Services.AddScoped<DeadlineAlerter>();
        builder.AddEscalationTimers();
        builder.Services.AddRedrive<StepRequestResender>();
        builder.Services.AddRedrive<DeadlineAlertResender>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<UnitEngagedConsumer>();
        bus.AddConsumer<EngagementMilestonesConsumer>();
        bus.AddConsumer<NotificationFailedConsumer>();
        bus.AddIncidentStateConsumer();
        bus.AddConsumer<StepAnswersConsumer>();
        bus.AddConsumer<DeadlineAlertAnsweredConsumer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOnCall();
        endpoints.MapEscalation();
    }
}
