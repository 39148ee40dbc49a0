using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline.Sealing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Partners;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Triage;

/// <summary>Classifies and scores reports, correlates duplicates into incidents, keeps the incident timeline.</summary>
public sealed class TriageRole : IServiceRole
{
    public string Name => TriageDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TriageDbContext, SqliteTriageDbContext, PostgresTriageDbContext>(TriageDbContext.SchemaName);
        builder.Services.AddMetricsProbe<Metrics.TriageMetricsProbe>();
        builder.Services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section)
            .Validate(o => ReportReceipts.Modes.Contains(o.Receipts), "Triage:Receipts must be legal, all or none")
            .Validate(o => IncidentNumbers.IsPrefix(o.NumberPrefix),
                "Triage:NumberPrefix must be 1 to 10 upper-case letters and digits starting with a letter, as reports quote numbers (SC-2026-00042), and no advisory id's (CVE, EUVD, …)")
            .ValidateOnStart();
        builder.Services.AddOptions<Evidence.EvidenceOptions>().BindConfiguration(Evidence.EvidenceOptions.Section)
            .Validate(o => o.IsValid, $"Triage:Evidence:MaxFileBytes must be between 1 and {Contracts.Api.Evidence.EvidenceLimits.CeilingBytes} bytes")
            .ValidateOnStart();
        builder.AddPlaybookIndex(); // an incident's tasks are its playbook's checklist
        builder.Services.AddSingleton<RuleBook>();
        builder.Services.AddSingleton<IRuleReferences, TriageRuleReferences>();
        builder.Services.AddSingleton<IncidentNumbers>();
        builder.Services.AddSingleton<TriageBatcher>();
        builder.Services.AddLocalConsumer<LocalReportConsumer>();
        builder.Services.AddScoped<ReportTriage>();
        builder.Services.AddSingleton<IDatabaseSeeder, PolicyRecorder>();
        builder.Services.AddRedrive<IncidentStateResender>();
        builder.Services.AddTimelineSealing();
        builder.Services.AddHostedService<Register.RegisterBackfill>();
        builder.Services.AddScoped<Periodic.PeriodicReminders>();
        builder.Services.AddHostedService<Periodic.PeriodicReminderSweep>();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddGroupCommitConsumer<ReportReceivedConsumer>();
        bus.AddConsumer<PartnerActivityConsumer>();
        bus.AddConsumer<EngagementActivityConsumer>();
        bus.AddConsumer<ExternalAlertConsumer>();
        bus.AddConsumer<IncidentStateAppliedConsumer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var incidents = endpoints.MapGroup("/api/v1/incidents").WithTags("Incidents");
        incidents.MapIncidentQueries();
        Register.RegisterExport.MapRegisterExport(incidents);
        incidents.MapIncidentCommands();
        incidents.MapIncidentFactCommands();
        incidents.MapClassificationCommand();
        Documents.DocumentEndpoints.MapDocuments(endpoints);
        Documents.IssuedDocumentEndpoints.MapIssuedDocuments(endpoints);
        Documents.DocumentFormEndpoints.MapDocumentForms(endpoints);
        Evidence.EvidenceEndpoints.MapEvidence(endpoints);
        Tasks.TaskEndpoints.MapTasks(endpoints);
        incidents.MapDutyEndpoints();
        endpoints.MapGroup("/api/v1/duties").WithTags("Duties").MapDutyBoard();
        Periodic.PeriodicReports.MapPeriodicReports(endpoints.MapGroup("/api/v1/periodic-reports").WithTags("Duties"));
        endpoints.MapTimelineRegister();
    }
}
