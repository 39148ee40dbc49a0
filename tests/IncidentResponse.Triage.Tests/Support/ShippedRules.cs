using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>The rule files the Triage service ships, read the way the Host reads them.</summary>
public static class ShippedRules
{
    private static readonly Lazy<RuleBook> Book = new(() => Load(Find()));

    /// <summary>The <c>Rules</c> folder copied beside the tests, or the service's own when it was not copied.</summary>
    public static string Directory { get; } = Find();

    public static RuleBook RuleBook => Book.Value;

    public static TriagePolicy Policy => RuleBook.Policies.Single(p => p.Content.Version == "2026.1").Content;

    public static LegalRegimes Regimes => RuleBook.Regimes;

    public static string PolicyFile => Path.Combine(Directory, "triage-policy-2026.1.yaml");

    public static string RegimesFile => Path.Combine(Directory, "legal-regimes.yaml");

    public static RuleBook Load(string directory) => new(Options.Create(new TriageOptions { RulesDirectory = directory }));

    private static string Find()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Rules");
        if (File.Exists(Path.Combine(copied, "triage-policy-2026.1.yaml")))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                return Path.Combine(dir.FullName, "services", "IncidentResponse.Triage", "Rules");
            }
        }

        throw new DirectoryNotFoundException($"no Rules folder beside {AppContext.BaseDirectory} and no IncidentResponse.sln above it");
    }
}
