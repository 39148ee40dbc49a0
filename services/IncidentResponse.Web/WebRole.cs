using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Roles;
using IncidentResponse.Web.Board;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Data;
using IncidentResponse.Web.Playbooks;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Web;

/// <summary>The Vietnamese-first operator console and partner portal.</summary>
public sealed class WebRole : IServiceRole
{
    public string Name => WebDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<WebDbContext, SqliteWebDbContext, PostgresWebDbContext>(WebDbContext.SchemaName);
        builder.AddConsole();
        builder.AddConsolePages();
        builder.Services.AddSingleton<BoardListener>();
        AddPlaybooks(builder);
    }

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddBoardConsumer();

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConsole();
        endpoints.MapConsolePages();
        endpoints.MapPlaybooks();
    }

    /// <summary>Reads and renders the playbooks while the Host is built: a bad file stops start-up, naming it.</summary>
    private static void AddPlaybooks(IHostApplicationBuilder builder)
    {
        var index = builder.AddPlaybookIndex();
        try
        {
            builder.Services.AddSingleton(new PlaybookLibrary(index));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidOperationException($"playbooks: {ex.Message}", ex);
        }
    }
}
