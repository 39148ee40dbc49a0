using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentResponse.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddDefaultHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);

    /// <summary>The stuck-work warning (<see cref="ParkedWorkHealthCheck"/>), added with the bus.</summary>
    internal static IHealthChecksBuilder AddParkedWorkCheck(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<ParkedWorkHealthCheck>("parked-work", tags: [ReadyTag]);

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: broker and database work, with reasons;
    /// its <c>parked-work</c> entry warns of stuck messages without failing readiness. Anyone gets the statuses
    /// (probes need no more); the reasons and figures, which name internal hosts and addresses, go to callers on this
    /// machine (not through a proxy) and to those <paramref name="detailsPolicy"/> admits.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints, string? detailsPolicy = null)
    {
        Func<HttpContext, HealthReport, Task> write = (context, report) => WriteAsync(context, report, detailsPolicy);
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = write })
            .AllowAnonymous();
        // Ready means ready: a Degraded check (still starting) answers 503 like an Unhealthy one.
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = write };
        ready.ResultStatusCodes[HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable;
        endpoints.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report, string? detailsPolicy)
    {
        var details = await MayReadDetailsAsync(context, detailsPolicy);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = details ? e.Value.Description ?? e.Value.Exception?.Message : null,
                    data = details && e.Value.Data.Count > 0 ? e.Value.Data : null,
                }),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static async Task<bool> MayReadDetailsAsync(HttpContext context, string? detailsPolicy)
    {
        // A proxy on this machine that is not trusted leaves its X-Forwarded-For in place: not "this machine".
        if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) && !context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return true;
        }

        if (detailsPolicy is null || context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, detailsPolicy)).Succeeded;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
