namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>One row of an issued Mẫu 05: the incidents of a Vietnamese incident type in the period, and how many of them were serious.</summary>
public sealed record PeriodicCountView(string Type, string NameVi, string NameEn, int Count, int Serious);
