namespace IncidentResponse.Contracts.Api.Reports;

/// <summary>A report taken in (<c>POST /api/v1/reports</c>, 202): its id and status (one of <see cref="Vocabulary.ReportStatuses.All"/>).</summary>
public sealed record ReportAccepted(Guid ReportId, string Status, DateTimeOffset ReceivedAt);
