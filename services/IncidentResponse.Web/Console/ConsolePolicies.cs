using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Authorization;

namespace IncidentResponse.Web.Console;

/// <summary>
/// Authorisation of pages: always the console's cookie (never an API key), then a role. What a
/// page may show or do is enforced again by the API the page calls with the person's console token.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Any signed-in person (every page unless a folder asks for more).</summary>
    public const string SignedIn = "console";

    /// <summary>Coordinators: administration.</summary>
    public const string Administer = "console-administer";

    /// <summary>Coordinators and operators: file reports, change incidents.</summary>
    public const string Manage = "console-manage";

    /// <summary>Coordinators, operators and viewers: the committee's read views.</summary>
    public const string Read = "console-read";

    /// <summary>Responders: the partner portal.</summary>
    public const string Respond = "console-respond";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => Cookie(p));
        options.AddPolicy(Administer, p => Cookie(p).RequireRole(AccessRoles.Coordinator));
        options.AddPolicy(Manage, p => Cookie(p).RequireRole(AccessRoles.Coordinator, AccessRoles.Operator));
        options.AddPolicy(Read, p => Cookie(p).RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer));
        options.AddPolicy(Respond, p => Cookie(p).RequireRole(AccessRoles.Responder));
    }

    private static AuthorizationPolicyBuilder Cookie(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(ConsoleCookie.Scheme).RequireAuthenticatedUser();
}
