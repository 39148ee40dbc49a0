namespace IncidentResponse.Contracts.Incidents;

/// <summary>A report matched an open incident's fingerprint within the window and was attached to it.</summary>
public sealed record ReportCorrelated(Guid IncidentId, string Number, Guid ReportId, int ReportCount, DateTimeOffset CorrelatedAt);
