namespace IncidentResponse.Escalation.Policies;

/// <summary>Which engagements a policy is for: units, a minimum severity level, the serious-incident flag. Empty = all.</summary>
public sealed class PolicyMatch
{
    public List<string> Units { get; set; } = [];

    public int? MinSeverity { get; set; }

    public bool? Serious { get; set; }

    public bool FitsEverything => Units.Count == 0 && MinSeverity is null && Serious is null;

    public bool Fits(string unitCode, int severityLevel, bool serious) =>
        (Units.Count == 0 || Units.Contains(unitCode, StringComparer.Ordinal))
        && (MinSeverity is null || severityLevel >= MinSeverity)
        && (Serious is null || Serious == serious);

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownUnits)
    {
        if (MinSeverity is < 0 or > 5)
        {
            yield return $"minSeverity {MinSeverity} is not a level 0–5";
        }

        foreach (var unit in Units.Where(u => knownUnits is not null && !knownUnits.Contains(u)))
        {
            yield return $"unit {unit} is not in the directory";
        }
    }
}
