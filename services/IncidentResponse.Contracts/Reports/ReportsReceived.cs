namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// Intake stored these reports in one commit (each is durable before this is published): one message per
/// group commit instead of one per report. Triage takes each as it would a <see cref="ReportReceived"/>,
/// which stays consumed for messages published before batches.
/// </summary>
public sealed record ReportsReceived(IReadOnlyList<ReportReceived> Reports);
