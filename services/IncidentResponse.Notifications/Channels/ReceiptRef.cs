namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The report a receipt confirms (kind <see cref="NoticeKind.Receipt"/>): when and how it arrived, whether it joined an
/// incident already open, whether it was a legal initial report ("[TBSC]"), and who filed it. Its title is the notice's
/// <see cref="Notice.Title"/>, so the incident's TLP decides whether the e-mail may carry it. <see cref="InReplyTo"/>: the Message-ID
/// of the e-mail that brought the report (a well-formed one only, <see cref="ThreadId"/>), which the receipt answers.
/// </summary>
public sealed record ReceiptRef(
    Guid ReportId, string Channel, DateTimeOffset ReceivedAt, bool Correlated, bool LegalInitialReport, string? ReporterName, string? Organization,
    string? InReplyTo = null)
{
    /// <summary>The longest Message-ID a receipt threads under (as intake keys reports by it).</summary>
    public const int MaxMessageId = 200;

    /// <summary>
    /// <paramref name="messageId"/> when it is a plain <c>left@right</c> Message-ID of printable ASCII without brackets or spaces
    /// (what a header can carry as it is), else null: a message from the outside names it, and a header is no place to guess.
    /// </summary>
    public static string? ThreadId(string? messageId) =>
        messageId is { Length: > 2 and <= MaxMessageId } id
            && id.All(c => c is > ' ' and < (char)127 and not ('<' or '>' or '"' or '\\'))
            && id.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < id.Length - 1 && id.IndexOf('@', at + 1) < 0
            ? id
            : null;
}
