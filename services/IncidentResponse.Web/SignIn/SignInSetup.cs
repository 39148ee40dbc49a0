using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.SignIn;

/// <summary>The console's sign-in protection: the <c>login</c> rate limit on the sign-in and password pages, the password a person must replace, and the coordinators' two-factor requirement.</summary>
public static class SignInSetup
{
    /// <summary>The pages whose posts count against the <c>login</c> limit.</summary>
    public static readonly string[] LimitedPages = ["/Account/Login", "/Account/LoginCode", "/Security/Password"];

    public static IServiceCollection AddConsoleSignIn(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.AddPolicy<string, LoginRateLimitPolicy>(LoginRateLimitPolicy.Name));
        services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var page in LimitedPages)
            {
                o.Conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(LoginRateLimitPolicy.Name)));
            }
        });
        services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add<PasswordChangeRequirementFilter>(); // first the password, then the authenticator
            o.Filters.Add<TwoFactorRequirementFilter>();
        });
        return services;
    }
}
