using IncidentResponse.ServiceDefaults.Partners;

namespace IncidentResponse.Triage.Policy;

/// <summary>The units the periodic reports' rules of every legal regimes version tell (<c>notify</c>, each overdue step's), checked against the directory where it is kept.</summary>
public sealed class TriageRuleReferences(RuleBook rules) : IRuleReferences
{
    public IReadOnlyList<string> Problems(IReadOnlySet<string> units, IReadOnlySet<string> people)
    {
        ArgumentNullException.ThrowIfNull(units);
        var problems = new List<string>();
        foreach (var file in rules.RegimeVersions)
        {
            var unknown = file.Content.PeriodicReports
                .SelectMany(p => p.Overdue.Select(s => s.Notify).Prepend(p.Notify).Where(u => !string.IsNullOrWhiteSpace(u) && !units.Contains(u))
                    .Select(u => $"periodic report {p.Id} tells unit '{u}', which is not in the partner directory"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{file.FileName} (legal regimes {file.Content.Version}): {string.Join("; ", unknown)}");
            }
        }

        return problems;
    }
}
