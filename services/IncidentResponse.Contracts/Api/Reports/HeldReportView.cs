namespace IncidentResponse.Contracts.Api.Reports;

/// <summary>
/// A report waiting for an operator's confirmation before triage (<c>GET /api/v1/reports/held</c>): an
/// e-mail from a sender the mailbox does not know, or that failed SPF, DKIM or DMARC at our server. The queue lists the
/// oldest <see cref="MaxListed"/>; its <c>X-Total-Count</c> says how many wait.
/// </summary>
public sealed record HeldReportView(
    Guid ReportId, DateTimeOffset ReceivedAt, string Channel, string SubmittedBy, string Title, string Classification, string Tlp,
    bool LegalInitialReport, string HoldReason)
{
    /// <summary>At most this many held reports are listed, oldest first.</summary>
    public const int MaxListed = 200;
}
