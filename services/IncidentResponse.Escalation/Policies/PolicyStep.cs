using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Policies;

/// <summary>One step: how long after the previous step (or the engagement) it falls due, and whom it pages.</summary>
public sealed class PolicyStep
{
    /// <summary>A delay of any length: <c>90s</c>, <c>15m</c>, <c>PT2H</c>, <c>1d</c>.</summary>
    public string After { get; set; } = "";

    public List<StepTarget> Targets { get; set; } = [];

    public TimeSpan Delay => Durations.Parse(After);

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        string? delayProblem = null;
        try
        {
            if (Durations.Parse(After) < TimeSpan.Zero)
            {
                delayProblem = $"after '{After}' is negative";
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            delayProblem = $"after: {ex.Message}";
        }

        if (delayProblem is not null)
        {
            yield return delayProblem;
        }

        if (Targets.Count == 0)
        {
            yield return "no targets";
        }

        foreach (var problem in Targets.SelectMany(t => t.Problems(knownPeople, knownUnits)))
        {
            yield return problem;
        }
    }
}
