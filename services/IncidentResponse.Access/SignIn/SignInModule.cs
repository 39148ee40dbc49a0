using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Access.SignIn;

/// <summary>Sign-in protection: failures per (login, address), the password step, TOTP; and the administrator's reset of a person's authenticator.</summary>
public static class SignInModule
{
    public static IServiceCollection AddSignInProtection(this IServiceCollection services)
    {
        services.AddOptions<SignInProtectionOptions>().BindConfiguration(SignInProtectionOptions.Section);
        services.AddSingleton<SignInFailures>();
        services.AddScoped<ConsoleSignIn>();
        services.AddScoped<TwoFactorCodes>();
        return services;
    }

    /// <summary><c>DELETE /api/v1/users/{id}/two-factor</c>: a coordinator removes another person's authenticator (lost phone); audited.</summary>
    public static IEndpointRouteBuilder MapTwoFactorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/api/v1/users/{id:guid}/two-factor", RemoveAsync).RequireAuthorization(AccessPolicies.Administer).WithTags("Access");
        return endpoints;
    }

    private static async Task<IResult> RemoveAsync(Guid id, HttpContext http, AccessDbContext db, TwoFactorCodes codes)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, http.RequestAborted))
        {
            return Problems.NotFound("user", id);
        }

        if (http.User.ActorId() == "user:" + id.ToString("N"))
        {
            return Problems.Conflict("Không thể tự gỡ xác thực hai bước của mình; nhờ một điều phối viên khác / you cannot remove your own two-factor authenticator; ask another coordinator");
        }

        return await codes.RemoveAsync(id, http.User, http.RequestAborted) ? Results.NoContent() : Problems.NotFound("two-factor authenticator of user", id);
    }
}
