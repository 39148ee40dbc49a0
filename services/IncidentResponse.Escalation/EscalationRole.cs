using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
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
    }

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapOnCall();
}
