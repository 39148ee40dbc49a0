using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// Ordered steps, each a delay and whom to page, repeated a number of times or until someone
/// acknowledges. Chosen per unit and severity; an engagement keeps the version it started with.
/// </summary>
public sealed class EscalationPolicy
{
    /// <summary>Written in the file as <c>repeat: until-acknowledged</c>.</summary>
    public const string UntilAcknowledged = "until-acknowledged";

    public string Id { get; set; } = "";

    public LocalText Name { get; set; } = new();

    public PolicyMatch Match { get; set; } = new();

    public List<PolicyStep> Steps { get; set; } = [];

    /// <summary>How many more times the whole policy runs after the first pass (<c>0</c>, <c>3</c>), or <c>until-acknowledged</c>.</summary>
    public string Repeat { get; set; } = "0";

    /// <summary>After an acknowledgement, how long the unit has to accept, decline or resolve before the chain starts again; empty = never.</summary>
    public string? AcknowledgementTimeout { get; set; }

    public bool RepeatsForever => string.Equals(Repeat.Trim(), UntilAcknowledged, StringComparison.Ordinal);

    /// <summary>How many passes in all (the first plus repeats); null when it repeats until acknowledged.</summary>
    public int? Rounds => RepeatsForever ? null : 1 + int.Parse(Repeat, System.Globalization.CultureInfo.InvariantCulture);

    public TimeSpan? AcknowledgementTimeoutSpan =>
        string.IsNullOrWhiteSpace(AcknowledgementTimeout) ? null : Durations.Parse(AcknowledgementTimeout);

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        if (string.IsNullOrWhiteSpace(Name.Vi) || string.IsNullOrWhiteSpace(Name.En))
        {
            yield return "name needs vi and en";
        }

        if (!RepeatsForever && (!int.TryParse(Repeat, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var repeats) || repeats < 0))
        {
            yield return $"repeat '{Repeat}' must be a whole number ≥ 0 or {UntilAcknowledged}";
        }

        foreach (var problem in Match.Problems(knownUnits))
        {
            yield return $"match: {problem}";
        }

        if (Steps.Count == 0)
        {
            yield return "no steps";
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            foreach (var problem in Steps[i].Problems(knownPeople, knownUnits))
            {
                yield return $"step {i + 1}: {problem}";
            }
        }

        if (RepeatsForever && Steps.Count > 0 && Steps.All(s => TryDelay(s.After) <= TimeSpan.Zero))
        {
            yield return "a policy that repeats until acknowledged needs a step with a delay, or it would page without pause";
        }

        if (!string.IsNullOrWhiteSpace(AcknowledgementTimeout) && !(TryDelay(AcknowledgementTimeout) > TimeSpan.Zero))
        {
            yield return $"acknowledgementTimeout '{AcknowledgementTimeout}' must be a duration longer than zero";
        }
    }

    private static TimeSpan? TryDelay(string text)
    {
        try
        {
            return Durations.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
