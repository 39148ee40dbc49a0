namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// Triage decided, in one commit, where each of these reports belongs: one message per triage batch instead of
/// one <see cref="ReportTriaged"/> per report (still consumed, for messages published before batches).
/// </summary>
public sealed record ReportsTriaged(IReadOnlyList<ReportTriaged> Reports);
