using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Access.People;

/// <summary>The console's login cookie: pages only, HTTP-only, same-site strict, eight hours sliding.</summary>
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
    }
}
