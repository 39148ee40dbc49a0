namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// Intake stored a report (it is durable before this is published). Triage takes it from here. <paramref name="MessageId"/>: the
/// Message-ID of the e-mail that brought it (without angle brackets; null for other channels and in older messages), so that
/// what answers the report by mail can be threaded under it.
/// </summary>
public sealed record ReportReceived(Guid ReportId, DateTimeOffset ReceivedAt, string Channel, string SubmittedBy, IncidentReport Report, string? MessageId = null);
