using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.People;

/// <summary>
/// Coordinators administer people's console logins: create (with role, and unit for a responder),
/// change, reset the password, lock, unlock, disable, enable. Each change and its audit entry
/// commit together; a generated password is shown once, in the answer.
/// </summary>
public static class UserEndpoints
{
    /// <summary>A new account. <c>MustChangePassword</c>: the person must choose their own password at the next sign-in, unless false (a password someone else chose).</summary>
    public sealed record CreateUser(string? Email, string? UserName, string? DisplayName, string? Role, string? Unit = null, string? PersonId = null, string? Password = null,
        bool? MustChangePassword = null);

    public sealed record ChangeUser(string? DisplayName, string? Role, string? Unit = null, string? PersonId = null);

    /// <summary>A password reset. <c>MustChangePassword</c>: as for <see cref="CreateUser"/>; never for one's own account.</summary>
    public sealed record SetPassword(string? Password = null, bool? MustChangePassword = null);

    public sealed record UserView(Guid Id, string UserName, string? Email, string DisplayName, string? Role, string? Unit, string? PersonId,
        DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, DateTimeOffset? DisabledAt, int FailedAttempts, bool MustChangePassword = false);

    /// <summary>The account, and the password only when the system generated it (shown once).</summary>
    public sealed record UserWithPassword(UserView User, string? Password);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users").RequireAuthorization(AccessPolicies.Administer).WithTags("Access");
        users.MapGet("/", ListAsync);
        users.MapGet("/{id:guid}", GetAsync);
        users.MapPost("/", CreateAsync);
        users.MapPut("/{id:guid}", ChangeAsync);
        users.MapPost("/{id:guid}/password", ResetPasswordAsync);
        users.MapPost("/{id:guid}/lock", (Guid id, HttpContext http, AccountChanges changes) => changes.ApplyAsync(id, http.User, "user.locked", AccountChanges.LockAsync, http.RequestAborted));
        users.MapPost("/{id:guid}/unlock", (Guid id, HttpContext http, AccountChanges changes) => changes.ApplyAsync(id, http.User, "user.unlocked", AccountChanges.UnlockAsync, http.RequestAborted));
        users.MapPost("/{id:guid}/disable", (Guid id, HttpContext http, AccountChanges changes) => changes.ApplyAsync(id, http.User, "user.disabled", AccountChanges.DisableAsync, http.RequestAborted));
        users.MapPost("/{id:guid}/enable", (Guid id, HttpContext http, AccountChanges changes) => changes.ApplyAsync(id, http.User, "user.enabled", AccountChanges.EnableAsync, http.RequestAborted));
        return endpoints;
    }

    private static async Task<IResult> ListAsync(AccessDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var roles = await AccountChanges.RolesByUserAsync(db, cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return Results.Ok(users.Select(u => AccountChanges.View(u, roles.GetValueOrDefault(u.Id), time)).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, AccessDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("user", id);
        }

        var roles = await AccountChanges.RolesByUserAsync(db, cancellationToken);
        return Results.Ok(AccountChanges.View(user, roles.GetValueOrDefault(id), time));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AccountChanges changes)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<CreateUser>();
        return problem ?? await changes.CreateAsync(request!, http.User, http.RequestAborted);
    }

    private static async Task<IResult> ChangeAsync(Guid id, HttpContext http, AccountChanges changes)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<ChangeUser>();
        return problem ?? await changes.ChangeAsync(id, request!, http.User, http.RequestAborted);
    }

    private static async Task<IResult> ResetPasswordAsync(Guid id, HttpContext http, AccountChanges changes)
    {
        SetPassword request = new();
        if (http.Request.ContentLength is > 0)
        {
            var (read, _, problem) = await http.Request.ReadJsonAsync<SetPassword>();
            if (problem is not null)
            {
                return problem;
            }

            request = read!;
        }

        return await changes.ResetPasswordAsync(id, request.Password, http.User, http.RequestAborted, request.MustChangePassword);
    }

    internal static Dictionary<string, string[]> Errors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
                var c when c.Contains("Email", StringComparison.Ordinal) => "email",
                var c when c.Contains("UserName", StringComparison.Ordinal) => "userName",
                _ => "user",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    internal static bool IsConflict(IdentityResult result) =>
        result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail" or "ConcurrencyFailure");
}
