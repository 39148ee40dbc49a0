namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>A triage decision with everything needed to explain it.</summary>
public sealed record Assessment(
    string PolicyVersion,
    int Score,
    int ScoreLevel,
    int Level,
    bool Serious,
    IReadOnlyList<FactorContribution> Contributions,
    IReadOnlyList<FiredRule> Rules,
    SeriousTest SeriousTest);
