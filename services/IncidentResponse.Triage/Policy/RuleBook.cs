using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// Every version of the triage policy and the legal regimes, read from the rules directory at
/// start. Which version applies is decided by time, so past decisions stay explainable.
/// </summary>
public sealed class RuleBook
{
    public RuleBook(IOptions<TriageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = options.Value.RulesDirectory;
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"Triage:RulesDirectory {Directory} does not exist");
        }

        Policies = Files("triage-policy*.yaml").Select(Load<TriagePolicy>).OrderBy(p => p.Content.EffectiveFromTime).ToList();
        RegimeVersions = Files("legal-regimes*.yaml").Select(Load<LegalRegimes>).ToList();
        foreach (var policy in Policies)
        {
            policy.Content.Validate();
        }

        foreach (var regimes in RegimeVersions)
        {
            regimes.Content.Validate();
        }

        if (Policies.Count == 0 || RegimeVersions.Count != 1)
        {
            throw new InvalidDataException($"{Directory} needs at least one triage-policy*.yaml and exactly one legal-regimes*.yaml");
        }

        if (Policies.GroupBy(p => p.Content.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"triage policy version {twice.Key} is in more than one file");
        }
    }

    public string Directory { get; }

    public IReadOnlyList<RuleFile<TriagePolicy>> Policies { get; }

    public IReadOnlyList<RuleFile<LegalRegimes>> RegimeVersions { get; }

    public LegalRegimes Regimes => RegimeVersions[0].Content;

    /// <summary>The policy version in force at <paramref name="at"/>.</summary>
    public TriagePolicy PolicyAt(DateTimeOffset at) =>
        Policies.LastOrDefault(p => p.Content.EffectiveFromTime <= at)?.Content
        ?? throw new InvalidOperationException($"no triage policy in force at {at:O}");

    private IEnumerable<string> Files(string pattern) =>
        System.IO.Directory.EnumerateFiles(Directory, pattern).Order(StringComparer.Ordinal);

    private static RuleFile<T> Load<T>(string path) => new(Path.GetFileName(path), File.ReadAllText(path), ServiceDefaults.Rules.RuleFiles.Read<T>(path));
}

/// <summary>A rule file as read: its name and text (kept as the record of what was in force) and its meaning.</summary>
public sealed record RuleFile<T>(string FileName, string Text, T Content);
