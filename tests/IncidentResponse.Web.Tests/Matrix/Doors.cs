using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>Every door of a running Host: each route pattern with each method it answers, read from ASP.NET Core's own endpoint table.</summary>
internal static class Doors
{
    public static IReadOnlyList<string> Of(IServiceProvider services)
    {
        var doors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                foreach (var method in methods is { Count: > 0 } ? methods : ["GET", "POST"])
                {
                    doors.Add($"{method} {pattern}");
                }
            }
        }

        return [.. doors];
    }
}
