using System.Globalization;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// The legal reporting regimes (<c>Rules/legal-regimes*.yaml</c>), each in force from a date. The
/// regime of an incident is the one in force at its detection time; its deadlines run from then.
/// </summary>
public sealed class LegalRegimes
{
    public string Version { get; set; } = "";

    public List<LegalRegime> Regimes { get; set; } = [];

    /// <summary>The reports owed every year, whatever the incidents (the Mẫu 05 summaries).</summary>
    public List<PeriodicReportRule> PeriodicReports { get; set; } = [];

    public LegalRegime InForceAt(DateTimeOffset detectedAt) =>
        Regimes.Where(r => r.EffectiveFromTime <= detectedAt).MaxBy(r => r.EffectiveFromTime)
        ?? throw new InvalidOperationException($"no legal regime in force at {detectedAt:O}");

    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Version))
        {
            problems.Add("version is required");
        }

        foreach (var regime in Regimes)
        {
            if (!DateTimeOffset.TryParse(regime.EffectiveFrom, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"regime {regime.Id}: effectiveFrom must be a time with offset");
            }

            foreach (var deadline in regime.Deadlines)
            {
                try
                {
                    _ = Durations.Parse(deadline.After);
                }
                catch (FormatException ex)
                {
                    problems.Add($"regime {regime.Id}, deadline {deadline.Id}: {ex.Message}");
                }

                if (deadline.From is not (DeadlineRule.Detection or DeadlineRule.ResponseEnd))
                {
                    problems.Add($"regime {regime.Id}, deadline {deadline.Id}: from must be {DeadlineRule.Detection} or {DeadlineRule.ResponseEnd}");
                }
            }
        }

        problems.AddRange(PeriodicReports.SelectMany(p => p.Problems()));
        problems.AddRange(PeriodicReports.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"periodic report {g.Key} is listed twice"));
        if (Regimes.Count == 0 || problems.Count > 0)
        {
            throw new InvalidDataException($"legal regimes {Version}: {(Regimes.Count == 0 ? "no regime; " : "")}{string.Join("; ", problems)}");
        }
    }
}

public sealed class LegalRegime
{
    public string Id { get; set; } = "";

    public LocalText Name { get; set; } = new();

    public string EffectiveFrom { get; set; } = "";

    public List<DeadlineRule> Deadlines { get; set; } = [];

    public DateTimeOffset EffectiveFromTime => DateTimeOffset.Parse(EffectiveFrom, CultureInfo.InvariantCulture);
}

public sealed class DeadlineRule
{
    public string Id { get; set; } = "";

    public LocalText Name { get; set; } = new();

    /// <summary>Time after <see cref="From"/> when it falls due; <c>PT0S</c> means immediately.</summary>
    public string After { get; set; } = "PT0S";

    /// <summary>When the duty applies; always when absent.</summary>
    public Condition? When { get; set; }

    public List<string> Recipients { get; set; } = [];

    public string Basis { get; set; } = "";

    /// <summary>What the clock runs from: <c>detection</c> (T0, the default) or <c>response-end</c> (the incident closed).</summary>
    public string From { get; set; } = Detection;

    /// <summary>
    /// Recorded submitted after its due time, the duty must say why it is late (<c>lateReasonRequired: true</c>; NĐ 13/2023
    /// Điều 23: a notice after 72 hours "phải kèm theo lý do thông báo chậm, muộn"). The submission is refused without one.
    /// </summary>
    public bool LateReasonRequired { get; set; }

    /// <summary>
    /// The duty comes with a confirmation record of the violation (<c>confirmationRecord: true</c>; NĐ 13/2023 Điều 23: "lập
    /// Biên bản xác nhận"): its submission records the record's number and date, and the duty shows it missing until then.
    /// </summary>
    public bool ConfirmationRecord { get; set; }

    public const string Detection = "detection";

    public const string ResponseEnd = "response-end";
}
