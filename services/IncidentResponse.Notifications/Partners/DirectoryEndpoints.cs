using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>The partner directory, read-only: units with their duty points, and people.</summary>
public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var units = endpoints.MapGroup("/api/v1/units").WithTags("Directory").RequireAuthorization(AccessPolicies.Read);
        units.MapGet("/", ListUnitsAsync).Produces<PageOf<UnitView>>();
        units.MapGet("/{code}", GetUnitAsync).Produces<UnitView>();
        // Webhook addresses are credentials: whole for coordinators only (review L5).
        units.MapGet("/{code}/people", (string code, NotificationsDbContext db, CancellationToken cancel) => ListPeopleAsync(db, cancel, code));
        endpoints.MapGet("/api/v1/people", ListPeopleAsync).WithTags("Directory").RequireAuthorization(AccessPolicies.Read).Produces<PageOf<PersonView>>();
        return endpoints;
    }

    private static async Task<IResult> ListUnitsAsync(
        NotificationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, string? kind = null, bool includeInactive = false)
    {
        var query = db.Units.AsNoTracking().Where(u => includeInactive || u.Active);
        if (kind is not null)
        {
            if (!UnitKinds.All.Contains(kind))
            {
                return Problems.Validation("kind", $"Một trong / one of: {string.Join(", ", UnitKinds.All)}");
            }

            query = query.Where(u => u.Kind == kind);
        }

        var items = (await query.OrderBy(u => u.Code).ToListAsync(cancellationToken)).Select(u => View(u, user)).ToList();
        return Results.Ok(new PageOf<UnitView>(items, 1, items.Count, items.Count));
    }

    private static async Task<IResult> GetUnitAsync(string code, NotificationsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        return unit is null ? Problems.NotFound("unit", code) : Results.Ok(View(unit, user));
    }

    private static async Task<IResult> ListPeopleAsync(NotificationsDbContext db, CancellationToken cancellationToken, string? unit = null)
    {
        if (unit is not null && !await db.Units.AnyAsync(u => u.Code == unit, cancellationToken))
        {
            return Problems.NotFound("unit", unit);
        }

        var items = await db.People.AsNoTracking().Where(p => p.Active && (unit == null || p.UnitCode == unit)).OrderBy(p => p.UnitCode).ThenBy(p => p.Id)
            .Select(p => new PersonView(p.Id, p.Name, p.UnitCode, p.Email, p.Phone, p.Language, p.TimeZone, p.Source, p.Active))
            .ToListAsync(cancellationToken);
        return Results.Ok(new PageOf<PersonView>(items, 1, items.Count, items.Count));
    }

    private static UnitView View(Unit unit, ClaimsPrincipal user) => new(unit.Code, unit.NameVi, unit.NameEn, unit.Kind, unit.DutyLanguage, unit.DutyTimeZone,
        DirectoryJson.Channels(unit.DutyChannels)
            .Select(c => new ChannelView(c.Channel, SecretUrls.ForReader(c.Channel, c.Address, user.IsInRole(AccessRoles.Coordinator))!))
            .ToList(),
        unit.Source, unit.Active);
}
