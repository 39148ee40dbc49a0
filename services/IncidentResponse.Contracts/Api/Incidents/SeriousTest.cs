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
    /// The fact the test lacks to decide (<c>undetermined</c> in the API): not met, yet every condition that is known holds
    /// and one answer would make it serious. A consequence found: the system's level (<see cref="SecurityLevelFact"/>:
    /// unknown, and the system not on the national critical list) or the owner's capacity (<see cref="OwnerCanHandleFact"/>),
    /// when only one of them is unknown (both unknown, as for a monitoring alert naming no system, is a test not yet
    /// begun, not one answer away). No consequence found on an important system whose owner cannot cope: whether one of
    /// <see cref="OpenConsequences"/> happened (<see cref="ConsequencesFact"/>). Empty when the test decided.
    /// </summary>
    public IReadOnlyList<string> Undetermined
    {
        get
        {
            if (Serious || OwnerCanHandle == true)
            {
                return [];
            }

            if (Consequences.Count == 0)
            {
                return ImportantSystem && OwnerCanHandle == false && OpenConsequences is { Count: > 0 } ? [ConsequencesFact] : [];
            }

            var levelUnknown = !ImportantSystem && SecurityLevel is null;
            if (!ImportantSystem && !levelUnknown)
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

            return missing.Count == 1 ? missing : [];
        }
    }
}

/// <summary>A consequence of the serious-incident test, with the policy's words for it.</summary>
public sealed record NamedConsequence(string Id, string Vi, string En);
