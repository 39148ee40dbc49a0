using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>Builds the doors' policies from <see cref="RateLimitOptions"/> and disposes their buckets with the Host.</summary>
public sealed class DoorPolicies(IOptions<RateLimitOptions> options, FailedCredentials failures) : IDisposable
{
    private readonly List<DoorPolicy> _built = [];

    /// <summary>The <c>{token}</c> of the route: a signed link is its own credential.</summary>
    public static string? RouteToken(HttpContext http) => http?.GetRouteValue("token") as string;

    /// <summary>The authenticated caller's id (an API key's <c>apikey:…</c>); none before authentication succeeds.</summary>
    public static string? Caller(HttpContext http) =>
        http?.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public DoorPolicy Create(int perAddress, int perCredential, Func<HttpContext, string?>? credential)
    {
        var policy = new DoorPolicy(options.Value, failures, perAddress, perCredential, credential);
        lock (_built)
        {
            _built.Add(policy);
        }

        return policy;
    }

    public void Dispose()
    {
        lock (_built)
        {
            _built.ForEach(p => p.Dispose());
            _built.Clear();
        }
    }
}
