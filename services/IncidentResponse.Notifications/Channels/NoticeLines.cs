namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// A notice's lines in both languages, made once for an e-mail whose text and HTML bodies both render them.
/// </summary>
internal sealed record NoticeLines(IReadOnlyList<NoticeLine> Vietnamese, IReadOnlyList<NoticeLine> English)
{
    public static NoticeLines Of(Notice notice, Recipient recipient) =>
        new(NoticeContent.Lines(notice, recipient, english: false), NoticeContent.Lines(notice, recipient, english: true));

    public IReadOnlyList<NoticeLine> In(bool english) => english ? English : Vietnamese;
}
