using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.People;

/// <summary>The administration audit log: written in the same transaction as the change it records; coordinators read it.</summary>
public static class AuditLog
{
    public const int MaxPageSize = 200;

    public sealed record AuditView(long Id, DateTimeOffset At, string ActorId, string ActorName, string Action, string Subject, string? Before, string? After);

    /// <summary>Adds an entry to <paramref name="db"/>; it is saved with the change.</summary>
    public static void Record(this AccessDbContext db, ClaimsPrincipal actor, TimeProvider time, string action, string subject, string? before, string? after)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actor.ActorId(),
            ActorName = actor.ActorName(),
            Action = action,
            Subject = subject,
            Before = before,
            After = after,
        });
    }

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/audit", ListAsync).RequireAuthorization(AccessPolicies.Administer).WithTags("Access");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(AccessDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 50, string? subject = null)
    {
        if (Paging.Problem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(subject))
        {
            query = query.Where(e => e.Subject == subject);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(e => new AuditView(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.Subject, e.Before, e.After))
            .ToListAsync(cancellationToken);
        return Results.Ok(new PageOf<AuditView>(items, page, pageSize, total));
    }
}
