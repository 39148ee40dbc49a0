namespace IncidentResponse.Contracts.Reports;

/// <summary>Intake stored a report (it is durable before this is published). Triage takes it from here.</summary>
public sealed record ReportReceived(Guid ReportId, DateTimeOffset ReceivedAt, string Channel, string SubmittedBy, IncidentReport Report);
