using Microsoft.AspNetCore.Authorization;

namespace IncidentResponse.Access.Authorization;

/// <summary>Named authorisation policies the endpoints of every service use.</summary>
public static class AccessPolicies
{
    /// <summary>File reports: people of the committee only; no machine key files a free-form report.</summary>
    public const string Report = "report";

    /// <summary>Read incidents and reports.</summary>
    public const string Read = "read";

    /// <summary>Change incidents: notes, severity, status.</summary>
    public const string Manage = "manage";

    /// <summary>Act on engagements: the committee on any, a responder on its own unit's (checked by the endpoint).</summary>
    public const string Respond = "respond";

    /// <summary>Read an engagement: readers any, a responder its own unit's (checked by the endpoint).</summary>
    public const string ReadEngagement = "read-engagement";

    /// <summary>The SMS gateway relaying partners' replies (role <c>sms-gateway</c>), nobody else.</summary>
    public const string Inbound = "inbound";

    /// <summary>The Alertmanager webhook: integration keys of kind <c>alertmanager</c> only.</summary>
    public const string AlertmanagerWebhook = "integration-alertmanager";

    /// <summary>A heartbeat ping: integration keys of kind <c>heartbeat</c> only (the endpoint checks it is the key's own).</summary>
    public const string HeartbeatPing = "integration-heartbeat";

    /// <summary>Scrape <c>/metrics</c>: a <c>metrics</c> key (least privilege for a Prometheus) or a person of the committee.</summary>
    public const string Metrics = "metrics";

    /// <summary>Administer credentials and configuration.</summary>
    public const string Administer = "administer";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Report, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator));
        options.AddPolicy(Read, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer));
        options.AddPolicy(Manage, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator));
        options.AddPolicy(Respond, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Responder));
        options.AddPolicy(ReadEngagement, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer, AccessRoles.Responder));
        options.AddPolicy(Inbound, p => p.RequireRole(AccessRoles.SmsGateway));
        options.AddPolicy(AlertmanagerWebhook, p => p.RequireRole(AccessRoles.Integration).RequireClaim(AccessClaims.IntegrationKind, Integrations.IntegrationKinds.Alertmanager));
        options.AddPolicy(HeartbeatPing, p => p.RequireRole(AccessRoles.Integration).RequireClaim(AccessClaims.IntegrationKind, Integrations.IntegrationKinds.Heartbeat));
        options.AddPolicy(Metrics, p => p.RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer, AccessRoles.Metrics));
        options.AddPolicy(Administer, p => p.RequireRole(AccessRoles.Coordinator));
        // Every endpoint authenticates unless it says otherwise (health probes, later the login page).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
