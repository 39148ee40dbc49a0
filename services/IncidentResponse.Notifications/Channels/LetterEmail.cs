using System.Text;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The frame of a letter-like e-mail (an issued document's covering letter, a report's receipt): the headers every mail of
/// ours carries, a text in both languages (the recipient's first, under the TLP line, with the automated-mail footer) and
/// its HTML twin. What each letter says is its own; how it is put together is here once.
/// </summary>
internal static class LetterEmail
{
    /// <summary>The message with our headers; <paramref name="autoSubmitted"/> is RFC 3834's kind (<c>auto-generated</c>, <c>auto-replied</c>).</summary>
    public static MimeMessage Message(Notice notice, MailboxAddress to, MailboxAddress from, DateTimeOffset date, string subject, string autoSubmitted)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = EmailMessage.MessageIdOf(notice) };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add(EmailMessage.NotificationIdHeader, notice.NotificationId.ToString("D"));
        message.Headers.Add(EmailMessage.IncidentHeader, notice.IncidentNumber);
        message.Headers.Add("Auto-Submitted", autoSubmitted);
        return message;
    }

    /// <summary>The text as plain text and as a minimal HTML page of the same words.</summary>
    public static MultipartAlternative Body(string text, string subject, Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var plain = new TextPart(MimeKit.Text.TextFormat.Plain);
        plain.SetText(Encoding.UTF8, text);
        var html = new TextPart(MimeKit.Text.TextFormat.Html);
        html.SetText(Encoding.UTF8, $"<!DOCTYPE html>\n<html lang=\"{(recipient.PrefersEnglish ? "en" : "vi")}\">\n<head><meta charset=\"utf-8\"><title>{EmailBody.Encode(subject)}</title></head>\n"
            + $"<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n<pre style=\"font-family:inherit;white-space:pre-wrap\">{EmailBody.Encode(text)}</pre>\n</body>\n</html>\n");
        return new MultipartAlternative { plain, html };
    }

    /// <summary>
    /// The drill line when it is one, the TLP line, then <paramref name="write"/> once per language (the recipient's first;
    /// it gets the builder, whether this pass is English, and a pick of the Vietnamese or English words), then the footer.
    /// </summary>
    public static string Text(Notice notice, Recipient recipient, Action<StringBuilder, bool, Func<string, string, string>> write)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(write);
        var english = recipient.PrefersEnglish;
        var label = TlpText.Label(notice.Tlp);
        var text = new StringBuilder();
        if (notice.Drill)
        {
            text.Append(NoticeFormat.DrillLine).Append("\n\n");
        }

        text.Append("TLP:").Append(label).Append(" — ").Append(TlpText.Meaning(label, english)).Append(" / ").Append(TlpText.Meaning(label, !english)).Append("\n\n");
        foreach (var inEnglish in new[] { english, !english })
        {
            if (inEnglish != english)
            {
                text.Append("\n----------------------------------------\n").Append(inEnglish ? "English version" : "Bản tiếng Việt").Append("\n\n");
            }

            write(text, inEnglish, (vi, en) => inEnglish ? en : vi);
        }

        if (notice.Hotline is { } hotline)
        {
            text.Append('\n').Append(english ? NoticeFormat.HotlineEn : NoticeFormat.HotlineVi).Append(" / ")
                .Append(english ? NoticeFormat.HotlineVi : NoticeFormat.HotlineEn).Append(": ").Append(hotline).Append('\n');
        }

        text.Append('\n').Append(english
            ? "Automated message from the incident response system; please do not reply. / Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này."
            : "Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này. / Automated message from the incident response system; please do not reply.").Append('\n');
        return text.ToString();
    }
}
