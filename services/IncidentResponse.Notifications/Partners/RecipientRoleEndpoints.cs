using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// <c>GET /api/v1/recipient-roles[?incident={id}][&amp;role=…]</c>: the legal regimes' recipient roles resolved to units
/// of the directory in force. Triage keeps role names in its duties; readers (the console's duty lists) resolve them
/// here, so triage never needs the directory. With <c>incident</c>, <c>owner</c> is the unit whose name or alias is
/// the incident's owner agency (from this service's incident copy).
/// </summary>
public static class RecipientRoleEndpoints
{
    public static IEndpointRouteBuilder MapRecipientRoles(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/recipient-roles", ListAsync).WithTags("Directory").RequireAuthorization(AccessPolicies.Read)
            .Produces<IReadOnlyList<RecipientRoleView>>();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        NotificationsDbContext db, NotificationRules rules, TimeProvider time, CancellationToken cancellationToken, string? incident = null, string? role = null)
    {
        var directory = rules.DirectoryAt(time.GetUtcNow());
        string? owner = null;
        if (incident is not null)
        {
            if (!Guid.TryParse(incident, out var id))
            {
                return Problems.Validation("incident", "Mã sự cố không hợp lệ (GUID) / not an incident id (GUID)");
            }

            var copy = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == id, cancellationToken);
            if (copy is null)
            {
                return Problems.NotFound("incident", id);
            }

            owner = copy.OwnerAgency;
        }

        var roles = directory.Content.RecipientRoles.Keys.Prepend(RecipientRoles.Owner).ToList();
        if (role is not null && !roles.Contains(role, StringComparer.Ordinal))
        {
            return Problems.Validation("role", $"Một trong / one of: {string.Join(", ", roles)}");
        }

        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => (u.NameVi, u.NameEn), cancellationToken);
        foreach (var unit in directory.Content.Units)
        {
            names.TryAdd(unit.Code, (unit.NameVi, unit.NameEn));
        }

        var views = roles.Where(r => role is null || r == role)
            .Select(r => new RecipientRoleView(r,
                RecipientRoles.Resolve(directory.Content, r, owner)
                    .Select(code => names.TryGetValue(code, out var name) ? new RecipientUnitView(code, name.NameVi, name.NameEn) : new RecipientUnitView(code, code, code))
                    .ToList(),
                directory.Version))
            .ToList();
        return Results.Ok(views);
    }
}
