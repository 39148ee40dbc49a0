using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Contracts.Api.Reports;

/// <summary>
/// A report as filed, with where triage put it (<c>GET /api/v1/reports/{id}</c>); <see cref="Status"/> is one of
/// <see cref="Vocabulary.ReportStatuses.All"/>. A report that was held for confirmation says why, and who confirmed
/// or rejected it, when and why.
/// </summary>
public sealed record ReportView(
    Guid ReportId, string Status, DateTimeOffset ReceivedAt, string Channel, string SubmittedBy,
    Guid? IncidentId, string? IncidentNumber, bool Correlated, DateTimeOffset? TriagedAt, IncidentReport? Report,
    string? HoldReason = null, string? ReviewedBy = null, DateTimeOffset? ReviewedAt = null, string? ReviewNote = null);
