using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using IncidentResponse.Web.Board;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Data;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Web;

/// <summary>The Vietnamese-first operator console and partner portal.</summary>
public sealed class WebRole : IServiceRole
{
    public string Name => WebDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<WebDbContext, SqliteWebDbContext, PostgresWebDbContext>(WebDbContext.SchemaName);
        builder.AddConsole();
        builder.AddConsolePages();
    }

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddBoardConsumer();

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConsole();
        endpoints.MapConsolePages();
    }
}
