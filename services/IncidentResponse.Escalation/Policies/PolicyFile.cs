using System.Globalization;

namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// One version of the escalation policies as written in <c>escalation-policies-*.yaml</c>: the
/// policies in the order they are tried (the first whose match fits an engagement is chosen), and
/// how legal deadlines are watched.
/// </summary>
public sealed class PolicyFile
{
    public string Version { get; set; } = "";

    /// <summary>A date and time with offset, e.g. <c>2026-01-01T00:00:00+07:00</c>.</summary>
    public string EffectiveFrom { get; set; } = "";

    public DeadlineWatch Deadlines { get; set; } = new();

    public List<EscalationPolicy> Policies { get; set; } = [];

    public DateTimeOffset EffectiveFromTime =>
        DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && EffectiveFrom.Trim().Length > 19
            ? at
            : DateTimeOffset.MaxValue;

    /// <summary>The first policy whose match fits; the file is checked to end with one that fits everything.</summary>
    public EscalationPolicy Choose(string unitCode, int severityLevel, bool serious) =>
        Policies.First(p => p.Match.Fits(unitCode, severityLevel, serious));

    /// <summary>Every mistake in the file; <paramref name="knownPeople"/>/<paramref name="knownUnits"/> null skips the directory check.</summary>
    public IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        if (string.IsNullOrWhiteSpace(Version))
        {
            yield return "version is missing";
        }

        if (EffectiveFromTime == DateTimeOffset.MaxValue)
        {
            yield return $"effectiveFrom '{EffectiveFrom}' is not a date and time with offset, e.g. 2026-01-01T00:00:00+07:00";
        }

        foreach (var problem in Deadlines.Problems(knownUnits))
        {
            yield return $"deadlines: {problem}";
        }

        if (Policies.Count == 0)
        {
            yield return "no policies";
            yield break;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in Policies)
        {
            if (string.IsNullOrWhiteSpace(policy.Id) || !ids.Add(policy.Id))
            {
                yield return $"policy id '{policy.Id}' is missing or listed twice";
            }

            foreach (var problem in policy.Problems(knownPeople, knownUnits))
            {
                yield return $"policy {policy.Id}: {problem}";
            }
        }

        if (!Policies[^1].Match.FitsEverything)
        {
            yield return $"the last policy ({Policies[^1].Id}) must match every engagement (no match conditions), so none goes unescalated";
        }
    }
}
