using IncidentResponse.Triage.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Triage;

/// <summary>Classifies and scores reports, correlates duplicates into incidents, keeps the incident timeline.</summary>
public sealed class TriageRole : IServiceRole
{
    public string Name => TriageDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<TriageDbContext, SqliteTriageDbContext, PostgresTriageDbContext>(TriageDbContext.SchemaName);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
