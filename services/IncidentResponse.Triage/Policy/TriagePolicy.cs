using System.Globalization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// The committee's triage policy, one YAML file per version (<c>Rules/triage-policy-*.yaml</c>):
/// factor weights and points that make a 0–100 score, score bands for levels 0–5, hard rules that
/// raise or cap the level, the legal serious-incident test, and how reports are correlated.
/// </summary>
public sealed class TriagePolicy
{
    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public LocalText Title { get; set; } = new();

    public ScoringPolicy Scoring { get; set; } = new();

    public List<SeverityRule> Rules { get; set; } = [];

    public SeriousIncidentPolicy SeriousIncident { get; set; } = new();

    public CorrelationPolicy Correlation { get; set; } = new();

    public DateTimeOffset EffectiveFromTime => DateTimeOffset.Parse(EffectiveFrom, CultureInfo.InvariantCulture);

    /// <summary>Every mistake a committee member could make in the file, in one message.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Version))
        {
            problems.Add("version is required");
        }

        if (!DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add("effectiveFrom must be a time with offset, e.g. 2026-01-01T00:00:00+07:00");
        }

        if (Scoring.Factors.Count == 0 || Scoring.Factors.Values.Sum(f => f.Weight) <= 0)
        {
            problems.Add("scoring.factors needs at least one factor with a positive weight");
        }

        foreach (var name in Scoring.Factors.Keys.Where(n => !TriageFacts.FactorNames.Contains(n)))
        {
            problems.Add($"scoring.factors.{name} is not a factor ({string.Join(", ", TriageFacts.FactorNames)})");
        }

        if (!Scoring.Levels.Any(l => l.MinScore == 0))
        {
            problems.Add("scoring.levels needs a level with minScore 0");
        }

        foreach (var rule in Rules)
        {
            if (rule.AtLeast is null && rule.AtMost is null)
            {
                problems.Add($"rule {rule.Id} needs atLeast or atMost");
            }

            foreach (var classification in rule.When.Classifications ?? [])
            {
                if (!Rsit.IsKnown(classification))
                {
                    problems.Add($"rule {rule.Id}: {classification} is not an RSIT class:type");
                }
            }
        }

        try
        {
            _ = Correlation.WindowSpan;
        }
        catch (FormatException ex)
        {
            problems.Add($"correlation.window: {ex.Message}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"triage policy {Version}: {string.Join("; ", problems)}");
        }
    }
}

public sealed class ScoringPolicy
{
    public Dictionary<string, FactorPolicy> Factors { get; set; } = [];

    public List<LevelThreshold> Levels { get; set; } = [];
}

public sealed class FactorPolicy
{
    public double Weight { get; set; }

    /// <summary>Points when the reporter did not say; a cautious middle by default.</summary>
    public int Unknown { get; set; }

    public Dictionary<string, int> Points { get; set; } = [];
}

public sealed class LevelThreshold
{
    public int Level { get; set; }

    public int MinScore { get; set; }
}

public sealed class SeverityRule
{
    public string Id { get; set; } = "";

    public LocalText Description { get; set; } = new();

    public Condition When { get; set; } = new();

    public int? AtLeast { get; set; }

    public int? AtMost { get; set; }
}

/// <summary>
/// QĐ 05/2017 Điều 9: an important system (level ≥ <see cref="MinSecurityLevel"/>, or on the national critical list, which
/// the law names and the code applies whatever the policy says) suffers a listed consequence, and its owner cannot handle it.
/// </summary>
public sealed class SeriousIncidentPolicy
{
    public int MinSecurityLevel { get; set; } = 4;

    public List<Consequence> Consequences { get; set; } = [];

    public LocalText Basis { get; set; } = new();
}

public sealed class Consequence
{
    public string Id { get; set; } = "";

    public LocalText Description { get; set; } = new();

    public Condition When { get; set; } = new();
}

public sealed class CorrelationPolicy
{
    /// <summary>How long after an incident's last report a matching report still joins it.</summary>
    public string Window { get; set; } = "PT24H";

    /// <summary>Parts of the fingerprint: classification, affectedSystem, mainObservable, ownerAgency.</summary>
    public List<string> Key { get; set; } = ["classification", "affectedSystem", "mainObservable"];

    public TimeSpan WindowSpan => Durations.Parse(Window);
}
