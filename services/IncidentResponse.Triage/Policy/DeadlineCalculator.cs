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
            .Where(d => d.From == DeadlineRule.Detection && (d.When is null || d.When.Matches(facts)))
            .Select(d => new LegalDeadline(d.Id, detectedAt + Durations.Parse(d.After), regime.Id, d.Name.Vi, d.Name.En, d.Basis, d.Recipients,
                LateReasonRequired: d.LateReasonRequired, ConfirmationRecordExpected: d.ConfirmationRecord))
            .OrderBy(d => d.DueAt)
            .ToList();
        return (regime, deadlines);
    }

    /// <summary>The duties that start when the response ends (the Mẫu 04 closing report), under the incident's regime.</summary>
    public static IReadOnlyList<LegalDeadline> AtResponseEnd(LegalRegimes regimes, string regimeId, DateTimeOffset detectedAt, DateTimeOffset endedAt)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        var regime = regimes.Regimes.FirstOrDefault(r => r.Id == regimeId) ?? regimes.InForceAt(detectedAt);
        return regime.Deadlines
            .Where(d => d.From == DeadlineRule.ResponseEnd)
            .Select(d => new LegalDeadline(d.Id, endedAt + Durations.Parse(d.After), regime.Id, d.Name.Vi, d.Name.En, d.Basis, d.Recipients,
                LateReasonRequired: d.LateReasonRequired, ConfirmationRecordExpected: d.ConfirmationRecord))
            .ToList();
    }
}
