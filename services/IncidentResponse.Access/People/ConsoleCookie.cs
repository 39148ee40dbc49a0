using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.People;

/// <summary>
/// The console's login cookie: pages only, HTTP-only, same-site strict, eight hours sliding, and never older than
/// <see cref="SignIn.SignInProtectionOptions.MaxSessionAge"/> from the sign-in it came from.
/// </summary>
public static class ConsoleCookie
{
    /// <summary>Identity's application cookie scheme (<c>IdentityConstants.ApplicationScheme</c>).</summary>
    public const string Scheme = "Identity.Application";
    public const string Name = "ir-session";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string AccessDeniedPath = "/denied";

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = LoginPath;
        options.LogoutPath = LogoutPath;
        options.AccessDeniedPath = AccessDeniedPath;
        options.ReturnUrlParameter = "ReturnUrl";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;

        // The sign-in's time travels in the ticket's items: renewals and re-issues (sliding, the security stamp check, a
        // password change) keep the items, so only a new sign-in starts a new session.
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = context =>
        {
            context.Properties.Items.TryAdd(SignedInAtItem, Now(context.HttpContext).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var maxAge = context.HttpContext.RequestServices.GetRequiredService<IOptions<SignIn.SignInProtectionOptions>>().Value.MaxSessionAge;
            if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || Now(context.HttpContext) - DateTimeOffset.FromUnixTimeSeconds(seconds) > maxAge)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
                return;
            }

            await validate(context);
        };
    }

    /// <summary>The item of the cookie's ticket that holds when its session signed in (Unix seconds).</summary>
    public const string SignedInAtItem = "ir.signed-in-at";

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
