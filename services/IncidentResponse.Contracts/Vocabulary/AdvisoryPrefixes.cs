namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// Prefixes of vulnerability and advisory ids shaped like our incident numbers (<c>CVE-2025-12345</c>, common in the subjects
/// of security mail): intake never reads one as a quoted incident number, so no deployment may number its incidents with one.
/// </summary>
public static class AdvisoryPrefixes
{
    public static IReadOnlyList<string> All { get; } = ["CVE", "EUVD", "CNVD", "CNNVD", "JVNDB", "ELSA", "ALSA", "RLSA"];
}
