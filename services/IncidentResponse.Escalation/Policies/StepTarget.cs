namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// Whom a step pages, exactly one of: <c>oncall</c> (the person on call in a unit's schedule;
/// <c>self</c> = the engaged unit), <c>person</c> (a person of the directory), <c>unit</c> (a unit's
/// duty point; <c>self</c> = the engaged unit) or <c>webhook</c> (a URL, signed with <c>secretRef</c>). A person or unit
/// target may name <c>channels</c>: the ones of the directory entry to page on, in that order (e.g. <c>[telegram, voice]</c>).
/// </summary>
public sealed class StepTarget
{
    public const string Self = "self";

    public string? Oncall { get; set; }

    public string? Person { get; set; }

    public string? Unit { get; set; }

    public string? Webhook { get; set; }

    public string? SecretRef { get; set; }

    /// <summary>The channels to page on, in order; empty: all the target's channels in the directory's order.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>The channels a step may name (the notifications service's channels).</summary>
    public static readonly IReadOnlySet<string> ChannelNames = new HashSet<string>(["email", "sms", "webhook", "telegram", "zalo", "zns", "voice"], StringComparer.Ordinal);

    public override string ToString() =>
        Oncall is not null ? $"oncall:{Oncall}" : Person is not null ? $"person:{Person}" : Unit is not null ? $"unit:{Unit}" : $"webhook:{Webhook}";

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        var given = new[] { Oncall, Person, Unit, Webhook }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1)
        {
            yield return "a target names exactly one of oncall, person, unit, webhook";
            yield break;
        }

        if (Person is not null && knownPeople is not null && !knownPeople.Contains(Person))
        {
            yield return $"person {Person} is not in the directory";
        }

        foreach (var unit in new[] { Oncall, Unit })
        {
            if (unit is not null && unit != Self && knownUnits is not null && !knownUnits.Contains(unit))
            {
                yield return $"unit {unit} is not in the directory";
            }
        }

        if (Webhook is not null && (!Uri.TryCreate(Webhook, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            yield return $"webhook '{Webhook}' is not an http(s) URL";
        }

        foreach (var channel in Channels.Where(c => !ChannelNames.Contains(c)))
        {
            yield return $"channel '{channel}' is not one of {string.Join(", ", ChannelNames)}";
        }

        if (Webhook is not null && Channels.Count > 0)
        {
            yield return "a webhook target is its own channel: channels belong to oncall, person and unit targets";
        }

        if (Webhook is null && SecretRef is not null)
        {
            yield return "secretRef belongs to a webhook target";
        }
    }
}
