namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// The two conditions of the legal test, each with what was found: the system is important when its level is high enough
/// or it is on the national critical list (<see cref="NationalCritical"/>). <see cref="ConsequenceNames"/> are the
/// consequences found in words, from the triage policy (absent in explanations from before they were kept).
/// </summary>
public sealed record SeriousTest(
    bool Serious,
    bool ImportantSystem,
    int? SecurityLevel,
    IReadOnlyList<string> Consequences,
    bool? OwnerCanHandle,
    string Basis,
    bool? NationalCritical = null,
    IReadOnlyList<NamedConsequence>? ConsequenceNames = null);

/// <summary>A consequence of the serious-incident test, with the policy's words for it.</summary>
public sealed record NamedConsequence(string Id, string Vi, string En);
