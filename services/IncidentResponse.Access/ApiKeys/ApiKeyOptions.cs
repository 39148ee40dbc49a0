namespace IncidentResponse.Access.ApiKeys;

/// <summary>The <c>Access</c> configuration section.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Access";

    /// <summary>How long a checked key is remembered; a revoked key stops working within this time.</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a console token (<c>ct.…</c>, the console calling the API as a person) is accepted.</summary>
    public TimeSpan ConsoleTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
