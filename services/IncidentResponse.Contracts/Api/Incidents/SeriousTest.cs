namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>The two conditions of the legal test, each with what was found.</summary>
public sealed record SeriousTest(
    bool Serious,
    bool ImportantSystem,
    int? SecurityLevel,
    IReadOnlyList<string> Consequences,
    bool? OwnerCanHandle,
    string Basis);
