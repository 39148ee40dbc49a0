using IncidentResponse.Escalation.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Escalation;

/// <summary>Escalates unacknowledged engagements on durable timers and tracks legal deadlines.</summary>
public sealed class EscalationRole : IServiceRole
{
    public string Name => EscalationDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<EscalationDbContext, SqliteEscalationDbContext, PostgresEscalationDbContext>(EscalationDbContext.SchemaName);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
