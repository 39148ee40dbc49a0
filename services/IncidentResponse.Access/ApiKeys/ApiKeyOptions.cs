namespace IncidentResponse.Access.ApiKeys;

/// <summary>The <c>Access</c> configuration section.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Access";

    /// <summary>How long a checked key is remembered; a revoked key stops working within this time.</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
