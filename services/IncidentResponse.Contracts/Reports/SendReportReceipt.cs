namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// Send the reporting agency a receipt for its report (QĐ 05/2017 Điều 12: the receiver of a report confirms it at once):
/// which incident it was filed under and when it arrived. Published by triage, once per report, when it triages a report
/// that owes one (by default a legal initial report, "[TBSC]", with a reply address). <see cref="To"/> is that address: the
/// reporter's e-mail, else the contact person's. Notifications sends it by e-mail as a notification of origin
/// <c>receipt</c>, keyed by <see cref="ReportId"/>, so a repeated message sends nothing more; its outcome comes back as
/// <c>NotificationDelivered</c> / <c>NotificationFailed</c> to the incident's timeline. <see cref="Tlp"/>: the incident's label when
/// the report was triaged, which decides what the e-mail may carry. <see cref="InReplyTo"/>: the Message-ID of the e-mail that
/// brought the report, when it came by e-mail, for the receipt's <c>In-Reply-To</c> and <c>References</c> (RFC 3834 §3.1.4).
/// <see cref="Quoted"/>: the report quoted the incident's number and was filed under it; <see cref="IncidentClosed"/>: that
/// incident was closed then (and stayed closed).
/// </summary>
public sealed record SendReportReceipt(
    Guid ReportId,
    Guid IncidentId,
    string IncidentNumber,
    bool Correlated,
    string To,
    string? ReporterName,
    string? Organization,
    string Title,
    string Tlp,
    string Channel,
    bool LegalInitialReport,
    bool Drill,
    DateTimeOffset ReceivedAt,
    DateTimeOffset TriagedAt,
    string? InReplyTo = null,
    bool Quoted = false,
    bool IncidentClosed = false);
