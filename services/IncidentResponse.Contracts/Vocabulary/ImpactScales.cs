namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The values of an impact assessment (NIST SP 800-61 factors).</summary>
public static class ImpactScales
{
    public static IReadOnlyList<string> Functional { get; } = ["none", "low", "medium", "high"];

    public static IReadOnlyList<string> Information { get; } = ["none", "privacy", "proprietary", "integrity"];

    public static IReadOnlyList<string> Recoverability { get; } = ["regular", "supplemented", "extended", "not-recoverable"];
}
