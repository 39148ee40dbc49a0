namespace IncidentResponse.Contracts.Reports;

/// <summary>Triage decided where a report belongs: a new incident, or an open one it was correlated with.</summary>
public sealed record ReportTriaged(Guid ReportId, Guid IncidentId, string IncidentNumber, bool Correlated, DateTimeOffset TriagedAt);
