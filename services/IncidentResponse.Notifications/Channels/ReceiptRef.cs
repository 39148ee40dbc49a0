namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The report a receipt confirms (kind <see cref="NoticeKind.Receipt"/>): when and how it arrived, whether it joined an
/// incident already open, whether it was a legal initial report ("[TBSC]"), and who filed it. Its title is the notice's
/// <see cref="Notice.Title"/>, so the incident's TLP decides whether the e-mail may carry it.
/// </summary>
public sealed record ReceiptRef(
    Guid ReportId, string Channel, DateTimeOffset ReceivedAt, bool Correlated, bool LegalInitialReport, string? ReporterName, string? Organization);
