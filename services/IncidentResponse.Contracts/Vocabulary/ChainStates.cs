namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The states of an escalation chain.</summary>
public static class ChainStates
{
    /// <summary>Nobody has acknowledged: steps fire.</summary>
    public const string Active = "active";

    /// <summary>Acknowledged: no steps; the acknowledgement timeout may be pending.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Accepted, declined or resolved, or the incident closed: nothing more happens.</summary>
    public const string Ended = "ended";

    /// <summary>Every step and repeat ran and nobody acknowledged.</summary>
    public const string Exhausted = "exhausted";

    public static IReadOnlyList<string> All { get; } = [Active, Acknowledged, Ended, Exhausted];
}
