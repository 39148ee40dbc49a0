namespace IncidentResponse.Contracts.Incidents;

/// <summary>A reporting duty with its due time under a legal regime (e.g. the 72 h personal-data notice).</summary>
public sealed record LegalDeadline(string Id, DateTimeOffset DueAt, string Regime, string NameVi, string NameEn, string Basis, IReadOnlyList<string> Recipients);
