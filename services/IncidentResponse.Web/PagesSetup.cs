using IncidentResponse.Web.Board;
using IncidentResponse.Web.Pages.Board;
using IncidentResponse.Web.Pages.Incidents;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Web;

/// <summary>The operator pages and the partner portal: the live board's plumbing and the pages' readers.</summary>
public static class PagesSetup
{
    public static IHostApplicationBuilder AddConsolePages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section);
        builder.Services.AddSingleton<BoardBroadcaster>();
        builder.Services.AddSingleton<BoardStreams>();
        builder.Services.AddSingleton<BoardShare<BoardModel>>();
        builder.Services.AddScoped<BoardReader>();
        builder.Services.AddScoped<IncidentReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConsolePages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapBoardEvents();
        return endpoints;
    }
}
