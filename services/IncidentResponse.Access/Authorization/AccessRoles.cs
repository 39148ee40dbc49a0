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

    /// <summary>A monitoring system or script that files reports.</summary>
    public const string Integration = "integration";

    /// <summary>A partner unit's responder: acts on (acknowledges, accepts, declines, resolves) its own unit's engagements only.</summary>
    public const string Responder = "responder";

    public static IReadOnlyList<string> All { get; } = [Coordinator, Operator, Viewer, Integration, Responder];
}
