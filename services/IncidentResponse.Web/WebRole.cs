using IncidentResponse.Web.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Web;

/// <summary>The Vietnamese-first operator console and partner portal.</summary>
public sealed class WebRole : IServiceRole
{
    public string Name => WebDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<WebDbContext, SqliteWebDbContext, PostgresWebDbContext>(WebDbContext.SchemaName);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
