using IncidentResponse.Contracts.Incidents;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Triage.Policy;

/// <summary>The reporting duties that apply to an incident and when each falls due.</summary>
public static class DeadlineCalculator
{
    public static (LegalRegime Regime, IReadOnlyList<LegalDeadline> Deadlines) Compute(LegalRegimes regimes, TriageFacts facts, DateTimeOffset detectedAt)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        ArgumentNullException.ThrowIfNull(facts);
        var regime = regimes.InForceAt(detectedAt);
        var deadlines = regime.Deadlines
            .Where(d => d.When is null || d.When.Matches(facts))
            .Select(d => new LegalDeadline(d.Id, detectedAt + Durations.Parse(d.After), regime.Id, d.Name.Vi, d.Name.En, d.Basis, d.Recipients))
            .OrderBy(d => d.DueAt)
            .ToList();
        return (regime, deadlines);
    }
}
