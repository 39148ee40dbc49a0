namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>One factor's share of the score: its value, the points the policy gives it, its weight.</summary>
public sealed record FactorContribution(string Factor, string? Value, bool Known, int Points, double Weight, double Contribution);
