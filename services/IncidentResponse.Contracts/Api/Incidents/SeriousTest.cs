namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// The two conditions of the legal test, each with what was found: the system is important when its level is high enough
/// or it is on the national critical list (<see cref="NationalCritical"/>). <see cref="ConsequenceNames"/> are the
/// consequences found in words, from the triage policy (absent in explanations from before they were kept).
/// <see cref="OpenConsequences"/>: consequences not found that would hold if a yes/no fact the reporter left unknown
/// were stated (absent in explanations from before 2026-12-07).
/// </summary>
public sealed record SeriousTest(
    bool Serious,
    bool ImportantSystem,
    int? SecurityLevel,
    IReadOnlyList<string> Consequences,
    bool? OwnerCanHandle,
    string Basis,
    bool? NationalCritical = null,
    IReadOnlyList<NamedConsequence>? ConsequenceNames = null,
    IReadOnlyList<NamedConsequence>? OpenConsequences = null)
{
    /// <summary>Fact name: the security level of the affected system is not known.</summary>
    public const string SecurityLevelFact = "securityLevel";

    /// <summary>Fact name: whether the owner can handle the incident alone is not known.</summary>
    public const string OwnerCanHandleFact = "ownerCanHandle";

    /// <summary>Fact name: whether one of <see cref="OpenConsequences"/> happened is not known (no consequence was found).</summary>
    public const string ConsequencesFact = "consequences";

    /// <summary>
    /// The facts the test lacks to decide: not met, yet every condition that is known holds, so the incident is serious
    /// if the system's level is 4–5 (<see cref="SecurityLevelFact"/>: the level unknown and the system not on the
    /// national critical list), the owner cannot cope (<see cref="OwnerCanHandleFact"/>) or, no consequence found, one
    /// of <see cref="OpenConsequences"/> happened (<see cref="ConsequencesFact"/>). Empty when the test decided.
    /// </summary>
    public IReadOnlyList<string> Undetermined()
    {
        var levelUnknown = !ImportantSystem && SecurityLevel is null;
        var consequenceOpen = Consequences.Count == 0 && OpenConsequences is { Count: > 0 };
        if (Serious || (Consequences.Count == 0 && !consequenceOpen) || OwnerCanHandle == true || (!ImportantSystem && !levelUnknown))
        {
            return [];
        }

        List<string> missing = [];
        if (levelUnknown)
        {
            missing.Add(SecurityLevelFact);
        }

        if (OwnerCanHandle is null)
        {
            missing.Add(OwnerCanHandleFact);
        }

        if (consequenceOpen)
        {
            missing.Add(ConsequencesFact);
        }

        return missing;
    }
}

/// <summary>A consequence of the serious-incident test, with the policy's words for it.</summary>
public sealed record NamedConsequence(string Id, string Vi, string En);
