namespace IncidentResponse.Triage.Policy;

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

/// <summary>One factor's share of the score: its value, the points the policy gives it, its weight.</summary>
public sealed record FactorContribution(string Factor, string? Value, bool Known, int Points, double Weight, double Contribution);

/// <summary>A hard rule that matched; <see cref="Changed"/> says whether it moved the level.</summary>
public sealed record FiredRule(string Id, string DescriptionVi, string DescriptionEn, string Effect, bool Changed);

/// <summary>The two conditions of the legal test, each with what was found.</summary>
public sealed record SeriousTest(
    bool Serious,
    bool ImportantSystem,
    int? SecurityLevel,
    IReadOnlyList<string> Consequences,
    bool? OwnerCanHandle,
    string Basis);
