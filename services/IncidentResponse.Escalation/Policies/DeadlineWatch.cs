using IncidentResponse.Contracts.Escalation;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// How legal deadline clocks are watched: reminders before the due time to <see cref="Notify"/>, the overdue alert at
/// the due time to the same unit, and then — like a page nobody acknowledged — further overdue alerts
/// (<see cref="Overdue"/>), each <c>after</c> the due time to the unit it names, until the duty is submitted or waived.
/// </summary>
public sealed class DeadlineWatch
{
    /// <summary>The unit whose duty point gets reminders and the first overdue alert (the committee's standing office).</summary>
    public string Notify { get; set; } = "";

    /// <summary>Reminders before the due time, e.g. <c>[6h, 1h]</c>; an overdue alert always follows at the due time.</summary>
    public List<string> RemindBefore { get; set; } = [];

    /// <summary>Further overdue alerts while the duty stays open, each <c>after</c> the due time (increasing), to its unit.</summary>
    public List<OverdueStep> Overdue { get; set; } = [];

    public IReadOnlyList<TimeSpan> Reminders =>
        RemindBefore.Select(Durations.Parse).OrderDescending().ToList();

    /// <summary>The stage of alert number <paramref name="index"/> of a clock: a reminder, or the first, second … overdue alert.</summary>
    public string StageOf(int index) =>
        index < RemindBefore.Count ? LegalDeadlineAlert.Reminder : LegalDeadlineAlert.OverdueStage(index - RemindBefore.Count + 1);

    /// <summary>The unit told of an alert of the stage: the overdue steps' own, otherwise <see cref="Notify"/>.</summary>
    public string NotifyOf(string stage)
    {
        var round = LegalDeadlineAlert.OverdueRound(stage);
        return round >= 2 && round - 2 < Overdue.Count ? Overdue[round - 2].Notify : Notify;
    }

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownUnits)
    {
        foreach (var problem in UnitProblem("notify", Notify, knownUnits))
        {
            yield return problem;
        }

        foreach (var text in RemindBefore)
        {
            if (DurationProblem($"remindBefore {text}", text) is { } problem)
            {
                yield return problem;
            }
        }

        var previous = TimeSpan.Zero;
        foreach (var step in Overdue)
        {
            if (DurationProblem($"overdue after {step.After}", step.After) is { } problem)
            {
                yield return problem;
                continue;
            }

            var after = Durations.Parse(step.After);
            if (after <= previous)
            {
                yield return $"overdue after {step.After} must come later than the step before it";
            }

            previous = after;
            foreach (var unitProblem in UnitProblem($"overdue after {step.After}: notify", step.Notify, knownUnits))
            {
                yield return unitProblem;
            }
        }
    }

    private static IEnumerable<string> UnitProblem(string what, string unit, IReadOnlySet<string>? knownUnits)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            yield return $"{what} (the unit told of deadlines) is missing";
        }
        else if (knownUnits is not null && !knownUnits.Contains(unit))
        {
            yield return $"{what} names unit {unit}, which the directory does not have";
        }
    }

    private static string? DurationProblem(string what, string text)
    {
        try
        {
            return Durations.Parse(text) <= TimeSpan.Zero ? $"{what} must be longer than zero" : null;
        }
        catch (FormatException ex)
        {
            return $"{what}: {ex.Message}";
        }
    }
}

/// <summary>A further overdue alert: <see cref="After"/> the due time, to the duty point of <see cref="Notify"/>.</summary>
public sealed class OverdueStep
{
    public string After { get; set; } = "";

    public string Notify { get; set; } = "";
}
