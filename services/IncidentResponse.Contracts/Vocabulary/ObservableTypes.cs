namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>Types of observables (indicators) a report can carry.</summary>
public static class ObservableTypes
{
    public static IReadOnlyList<string> All { get; } = ["ip", "domain", "url", "hash", "email", "hostname", "asn", "file", "other"];
}
