using System.Text;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Builds the MIME message for a notice; the pickup folder and the SMTP relay get the same message.</summary>
internal static class EmailMessage
{
    public const string NotificationIdHeader = "X-IR-Notification-Id";
    public const string IncidentHeader = "X-IR-Incident";

    /// <summary>
    /// Derived from the notification id and its round, so receivers can drop duplicates of a retried message but keep a
    /// notice a person asked to send again (<see cref="Notice.SendingKey"/>).
    /// </summary>
    public static string MessageIdOf(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.SendingKeyIn("N") + "@incidentresponse";
    }

    public static string Subject(Notice notice, Recipient recipient)
    {
        var english = recipient.PrefersEnglish;
        var prefix = notice.Kind switch
        {
            NoticeKind.InitialReport => "[TBSC] ",
            NoticeKind.Update => NoticeFormat.UpdateMark + " ",
            _ => string.Empty,
        };
        var title = notice.Title is { Length: > 0 } t ? NoticeFormat.OneLine(t) : NoticeFormat.Restricted(english);
        prefix = notice.Drill ? NoticeFormat.DrillMark + " " + prefix : prefix;
        return $"{prefix}[TLP:{TlpText.Label(notice.Tlp)}] {notice.IncidentNumber} {NoticeFormat.Severity(notice.SeverityLevel, english)}: {title}";
    }

    public static MimeMessage Build(Notice notice, Recipient recipient, MailboxAddress to, MailboxAddress from, DateTimeOffset date)
    {
        var subject = Subject(notice, recipient);
        var message = new MimeMessage
        {
            Subject = subject,
            Date = date,
            MessageId = MessageIdOf(notice),
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add(NotificationIdHeader, notice.NotificationId.ToString("D"));
        message.Headers.Add(IncidentHeader, notice.IncidentNumber);
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var lines = NoticeLines.Of(notice, recipient);
        var plain = Utf8Part(MimeKit.Text.TextFormat.Plain, EmailBody.TextUtf8(notice, recipient, lines));
        var html = Utf8Part(MimeKit.Text.TextFormat.Html, EmailBody.HtmlUtf8(notice, recipient, subject, lines));
        message.Body = new MultipartAlternative { plain, html };
        return message;
    }

    /// <summary>
    /// The part <c>SetText(Encoding.UTF8, body)</c> makes (charset utf-8, the body's UTF-8 as its content), from bytes
    /// rendered straight from the builder: no body string of twice their size in between.
    /// </summary>
    internal static TextPart Utf8Part(MimeKit.Text.TextFormat format, byte[] body)
    {
        var part = new TextPart(format);
        part.ContentType.CharsetEncoding = Encoding.UTF8;
        part.Content = new MimeContent(new MemoryStream(body, writable: false));
        return part;
    }
}
