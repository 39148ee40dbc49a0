using Microsoft.AspNetCore.Authorization;

namespace IncidentResponse.Access.Authorization;

/// <summary>Named authorisation policies the endpoints of every service use.</summary>
public static class AccessPolicies
{
    /// <summary>File reports.</summary>
    public const string Report = "report";

    /// <summary>Read incidents and reports.</summary>
    public const string Read = "read";

    /// <summary>Change incidents: notes, severity, status.</summary>
    public const string Manage = "manage";

    /// <summary>Administer credentials and configuration.</summary>
    public const string Administer = "administer";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Report, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Integration));
        options.AddPolicy(Read, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer));
        options.AddPolicy(Manage, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator));
        options.AddPolicy(Administer, p => p.RequireRole(AccessRoles.Coordinator));
        // Every endpoint authenticates unless it says otherwise (health probes, later the login page).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
