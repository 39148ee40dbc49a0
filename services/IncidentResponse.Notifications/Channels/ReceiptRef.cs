namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The report a receipt confirms (kind <see cref="NoticeKind.Receipt"/>): when and how it arrived, whether it joined an
/// incident already open, whether it was a legal initial report ("[TBSC]"), and who filed it. Its title is the notice's
/// <see cref="Notice.Title"/>, so the incident's TLP decides whether the e-mail may carry it. <see cref="InReplyTo"/>: the Message-ID
/// of the e-mail that brought the report (a well-formed one only, <see cref="ThreadId"/>), which the receipt answers.
/// <see cref="Quoted"/>: filed under the incident the report quoted; <see cref="IncidentClosed"/>: that incident is closed.
/// </summary>
public sealed partial record ReceiptRef(
    Guid ReportId, string Channel, DateTimeOffset ReceivedAt, bool Correlated, bool LegalInitialReport, string? ReporterName, string? Organization,
    string? InReplyTo = null, bool Quoted = false, bool IncidentClosed = false)
{
    /// <summary>The longest Message-ID a receipt threads under (as intake keys reports by it).</summary>
    public const int MaxMessageId = 200;

    /// <summary>
    /// <paramref name="messageId"/> when it is an RFC 5322 <c>msg-id</c> without its brackets, <c>dot-atom-text "@" (dot-atom-text /
    /// "[" dtext "]")</c> in ASCII, else null: a message from the outside names it, a header is no place to repair it, and MimeKit
    /// refuses (or cuts) what is not one.
    /// </summary>
    public static string? ThreadId(string? messageId) =>
        messageId is { Length: > 2 and <= MaxMessageId } id && MessageIdPattern().IsMatch(id) ? id : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\[[\x21-\x5A\x5E-\x7E]*\])$")]
    private static partial System.Text.RegularExpressions.Regex MessageIdPattern();
}
