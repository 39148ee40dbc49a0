namespace IncidentResponse.Access.Authorization;

/// <summary>The roles a credential can hold.</summary>
public static class AccessRoles
{
    /// <summary>The committee's standing office: administers units, policies and credentials.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Files and manages incidents.</summary>
    public const string Operator = "operator";

    /// <summary>Reads, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// A monitoring source's key, issued with its integration (<c>POST /api/v1/integrations</c>): it opens only
    /// the door of its kind (<see cref="AccessClaims.IntegrationKind"/>), never the report form.
    /// </summary>
    public const string Integration = "integration";

    /// <summary>The SMS gateway relaying partners' replies: the only credential accepted on <c>/api/v1/sms/inbound</c>.</summary>
    public const string SmsGateway = "sms-gateway";

    /// <summary>A partner unit's responder: acts on (acknowledges, accepts, declines, resolves) its own unit's engagements only.</summary>
    public const string Responder = "responder";

    /// <summary>A Prometheus scraper: reads <c>/metrics</c> and nothing else.</summary>
    public const string Metrics = "metrics";

    public static IReadOnlyList<string> All { get; } = [Coordinator, Operator, Viewer, Integration, Responder, SmsGateway, Metrics];

    /// <summary>The roles <c>POST /api/v1/api-keys</c> issues; integration keys come with their integration.</summary>
    public static IReadOnlyList<string> Issuable { get; } = [Coordinator, Operator, Viewer, Responder, SmsGateway, Metrics];
}
