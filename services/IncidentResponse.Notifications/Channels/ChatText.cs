using System.Text;
using IncidentResponse.Notifications.Disclosure;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The text of a chat message (Telegram, Zalo OA): the TLP label, then the notice in the recipient's language, then in
/// the other, as plain text. The notice arrives cut down by the disclosure policy; under TLP:RED and AMBER+STRICT (or
/// an unknown label) the chat carries no more than the minimal notice whatever the policy says, since a chat passes
/// through the provider's servers. The text is cut to <c>maxLength</c>, keeping the acknowledgement lines.
/// </summary>
internal static class ChatText
{
    public static Notice Allowed(Notice notice) => TlpText.IsStrict(notice.Tlp) ? Redaction.At(notice, DisclosureLevel.Minimal) : notice;

    public static string Compose(Notice notice, Recipient recipient, int maxLength)
    {
        notice = Allowed(notice);
        var label = TlpText.Label(notice.Tlp);
        var english = recipient.PrefersEnglish;
        var text = new StringBuilder();
        if (notice.Drill)
        {
            text.Append(NoticeFormat.DrillMark).Append('\n');
        }

        text.Append("[TLP:").Append(label).Append("] ").Append(TlpText.Meaning(label, english)).Append('\n');
        var first = Block(notice, recipient, english);
        var full = text + "\n" + first + "\n" + Block(notice, recipient, !english);
        if (full.Length <= maxLength)
        {
            return full.TrimEnd();
        }

        // Too long for both languages: the recipient's language alone, then its essentials.
        var one = text + "\n" + first;
        if (one.Length <= maxLength)
        {
            return one.TrimEnd();
        }

        var essentials = $"{text}{notice.IncidentNumber} — {NoticeFormat.Severity(notice.SeverityLevel, english)}\n"
            + $"{(english ? "Acknowledge" : "Xác nhận")}: {notice.AcknowledgeLink}\n{(english ? "Code" : "Mã")}: {notice.AcknowledgeCode}"
            + (notice.Hotline is { } hotline ? $"\n{(english ? NoticeFormat.HotlineEn : NoticeFormat.HotlineVi)}: {hotline}" : "");
        return essentials.Length <= maxLength ? essentials : essentials[..maxLength];
    }

    private static string Block(Notice notice, Recipient recipient, bool english)
    {
        var block = new StringBuilder();
        block.Append(NoticeFormat.Heading(notice.Kind, english)).Append('\n');
        foreach (var line in NoticeContent.Lines(notice, recipient, english))
        {
            line.AppendPlainText(block).Append('\n');
        }

        return block.ToString();
    }
}
