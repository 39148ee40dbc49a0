using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Notifications.Portal;

/// <summary>
/// The partner portal's reads: the incidents engaging a unit, each only as far as TLP lets that unit
/// see. A responder always sees its own unit (another unit's incident is 404); the committee and
/// viewers may name a unit with <c>?unit=</c> to see what it sees, or see every engaged incident.
/// </summary>
public static class PortalEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/v1/portal").WithTags("Portal");
        group.MapGet("/incidents", ListAsync).RequireAuthorization(AccessPolicies.ReadEngagement).Produces<PageOf<PortalIncident>>();
        group.MapGet("/incidents/{incidentId:guid}", GetAsync).RequireAuthorization(AccessPolicies.ReadEngagement).Produces<PortalIncident>();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, PortalView view, CancellationToken cancellationToken, string? unit = null, bool open = false, int page = 1, int pageSize = 50)
    {
        if (Paging.Problem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        return Results.Ok(await view.ListAsync(UnitOf(http, unit), open, page, pageSize, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid incidentId, HttpContext http, PortalView view, CancellationToken cancellationToken, string? unit = null) =>
        await view.GetAsync(incidentId, UnitOf(http, unit), cancellationToken) is { } incident
            ? Results.Ok(incident)
            : Problems.NotFound("incident", incidentId);

    /// <summary>A responder's own unit, whatever it asks for; for others the unit asked for, if any.</summary>
    private static string? UnitOf(HttpContext http, string? requested) =>
        http.User.ResponderUnit() ?? (string.IsNullOrWhiteSpace(requested) ? null : requested.Trim());
}
