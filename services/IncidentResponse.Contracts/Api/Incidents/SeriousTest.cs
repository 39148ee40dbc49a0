namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// The two conditions of the legal test, each with what was found: the system is important when its level is high enough
/// or it is on the national critical list (<see cref="NationalCritical"/>).
/// </summary>
public sealed record SeriousTest(
    bool Serious,
    bool ImportantSystem,
    int? SecurityLevel,
    IReadOnlyList<string> Consequences,
    bool? OwnerCanHandle,
    string Basis,
    bool? NationalCritical = null);
