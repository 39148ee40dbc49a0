namespace IncidentResponse.Contracts.Incidents;

/// <summary>A report did not match an open incident, so a new incident was opened for it.</summary>
public sealed record IncidentOpened(Guid IncidentId, string Number, Guid FirstReportId, string Title, string Classification, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt);
