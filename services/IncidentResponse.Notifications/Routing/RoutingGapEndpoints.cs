using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Whom routing could not find or did not engage for an incident: the owner agency or ISP its rules ask for that matches no
/// unit of the directory, and units the rules ask for that are not engaged on it; read against the routing and directory
/// versions in force now, so a name added as an alias since shows as that unit until it is engaged (by hand).
/// </summary>
public static class RoutingGapEndpoints
{
    public static IEndpointRouteBuilder MapRoutingGaps(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/incidents/{id:guid}/routing-gaps", GapsAsync).WithTags("Engagements")
            .RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<RoutingGap>>();
        return endpoints;
    }

    private static async Task<IResult> GapsAsync(Guid id, NotificationsDbContext db, NotificationRules rules, TimeProvider time, CancellationToken cancellationToken)
    {
        var copy = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == id, cancellationToken);
        if (copy is null)
        {
            return Problems.NotFound("incident", id);
        }

        var now = time.GetUtcNow();
        var (routing, directory) = (rules.RoutingAt(now), rules.DirectoryAt(now));
        var facts = new RoutingFacts(copy.Classification, copy.SeverityLevel, copy.Serious, copy.Tlp, copy.Isp?.Trim(), copy.PersonalData, copy.OwnerAgency);
        // Engaged by a rule or by hand, declined or not: the unit was told.
        var engaged = (await db.Engagements.AsNoTracking().Where(e => e.IncidentId == id).Select(e => e.UnitCode).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return Results.Ok(Router.Gaps(routing.Content, facts, directory.Content, engaged)
            .Select(g => new RoutingGap(g.Target, g.Name, g.Rule.Id, g.Rule.NameVi, g.Rule.NameEn, routing.Version, directory.Version, g.Unit))
            .ToList());
    }
}
