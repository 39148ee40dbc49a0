namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>A hard rule that matched; <see cref="Changed"/> says whether it moved the level.</summary>
public sealed record FiredRule(string Id, string DescriptionVi, string DescriptionEn, string Effect, bool Changed);
