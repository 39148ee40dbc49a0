namespace IncidentResponse.Contracts.Api.Integrations;

/// <summary>What one severity of a source means in our impact factors (null: not known).</summary>
public sealed record SeverityImpact(string? Functional, string? Information, string? Recoverability, bool? ServiceInterrupted)
{
    /// <summary>The Events API severities, mapped unless an administrator says otherwise.</summary>
    public static IReadOnlyDictionary<string, SeverityImpact> Defaults { get; } = new Dictionary<string, SeverityImpact>(StringComparer.Ordinal)
    {
        ["critical"] = new("high", null, null, true),
        ["error"] = new("medium", null, null, null),
        ["warning"] = new("low", null, null, null),
        ["info"] = new("none", null, null, null),
    };

    public static IReadOnlyList<string> Severities { get; } = ["critical", "error", "warning", "info"];
}
