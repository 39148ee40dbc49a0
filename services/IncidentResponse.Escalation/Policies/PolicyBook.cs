using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// Every version of the escalation policies, read from <c>escalation-policies-*.yaml</c>. New
/// engagements take the version in force; a running chain keeps the version it started with. A step's webhook must
/// be https, or plain http to this machine or a host in <c>Notifications:PlainHttpWebhookHosts</c> (<see cref="PlainHttpWebhooks"/>).
/// </summary>
public sealed class PolicyBook
{
    public const string FilePattern = "escalation-policies-*.yaml";

    public PolicyBook(string directory, IReadOnlyCollection<string>? plainHttpWebhookHosts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.plainHttpWebhookHosts = plainHttpWebhookHosts ?? [];
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"escalation policies directory {directory} does not exist");
        }

        Versions = System.IO.Directory.EnumerateFiles(directory, FilePattern)
            .Order(StringComparer.Ordinal)
            .Select(path => new PolicyRuleFile(Path.GetFileName(path), File.ReadAllText(path), RuleFiles.Read<PolicyFile>(path)))
            .OrderBy(f => f.Content.EffectiveFromTime)
            .ToList();
        if (Versions.Count == 0)
        {
            throw new InvalidDataException($"{directory} has no {FilePattern}");
        }

        Validate(knownPeople: null, knownUnits: null);
    }

    private readonly IReadOnlyCollection<string> plainHttpWebhookHosts;

    /// <summary>The versions, oldest in force first.</summary>
    public IReadOnlyList<PolicyRuleFile> Versions { get; }

    /// <summary>One exception listing every problem of every version, each with its file and version.</summary>
    public void Validate(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        var problems = new List<string>();
        foreach (var file in Versions)
        {
            var fileProblems = file.Content.Problems(knownPeople, knownUnits).ToList();
            fileProblems.AddRange(file.Content.Policies
                .SelectMany(p => p.Steps.SelectMany(s => s.Targets).Where(t => t.Webhook is not null)
                    .Select(t => PlainHttpWebhooks.Problem(t.Webhook!, plainHttpWebhookHosts) is { } plain ? $"policy {p.Id}: {plain}" : null))
                .OfType<string>());
            if (fileProblems.Count > 0)
            {
                problems.Add($"{file.FileName} (escalation policies {file.Content.Version}): {string.Join("; ", fileProblems)}");
            }
        }

        problems.AddRange(Versions.GroupBy(f => f.Content.Version, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"escalation policies version {g.Key} is in more than one file ({string.Join(", ", g.Select(f => f.FileName))})"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }
    }

    /// <summary>The version in force at <paramref name="at"/>.</summary>
    public PolicyFile VersionAt(DateTimeOffset at) =>
        Versions.LastOrDefault(f => f.Content.EffectiveFromTime <= at)?.Content
        ?? throw new InvalidOperationException($"no escalation policies in force at {at:O}");

    /// <summary>The version a clock or chain started with; the one in force at <paramref name="at"/> when that file is gone.</summary>
    public PolicyFile VersionNamed(string version, DateTimeOffset at) =>
        Versions.FirstOrDefault(f => string.Equals(f.Content.Version, version, StringComparison.Ordinal))?.Content ?? VersionAt(at);

    /// <summary>A policy as it was in a given version; null when that version or policy is gone from the files.</summary>
    public EscalationPolicy? Find(string policyId, string version) =>
        Versions.FirstOrDefault(f => string.Equals(f.Content.Version, version, StringComparison.Ordinal))?.Content.Policies
            .FirstOrDefault(p => string.Equals(p.Id, policyId, StringComparison.Ordinal));
}

/// <summary>A policies file as read: its name and text (the record of what was in force) and its meaning.</summary>
public sealed record PolicyRuleFile(string FileName, string Text, PolicyFile Content);
