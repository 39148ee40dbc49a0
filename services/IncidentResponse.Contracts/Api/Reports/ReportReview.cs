namespace IncidentResponse.Contracts.Api.Reports;

/// <summary>
/// An operator's decision on a held report (<c>POST /api/v1/reports/{id}/confirm</c> or <c>…/reject</c>):
/// why, required to reject (at most 1000 characters), optional to confirm.
/// </summary>
public sealed record ReportReview(string? Reason);
