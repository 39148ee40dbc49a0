using System.Text;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Builds the MIME message for a notice; the pickup folder and the SMTP relay get the same message.</summary>
internal static class EmailMessage
{
    public const string NotificationIdHeader = "X-IR-Notification-Id";
    public const string IncidentHeader = "X-IR-Incident";

    /// <summary>Derived from the notification id, so receivers can drop duplicates of a retried message.</summary>
    public static string MessageIdOf(Guid notificationId) => $"{notificationId:N}@incidentresponse";

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
            MessageId = MessageIdOf(notice.NotificationId),
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add(NotificationIdHeader, notice.NotificationId.ToString("D"));
        message.Headers.Add(IncidentHeader, notice.IncidentNumber);
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var lines = NoticeLines.Of(notice, recipient);
        var plain = new TextPart(MimeKit.Text.TextFormat.Plain);
        plain.SetText(Encoding.UTF8, EmailBody.Text(notice, recipient, lines));
        var html = new TextPart(MimeKit.Text.TextFormat.Html);
        html.SetText(Encoding.UTF8, EmailBody.Html(notice, recipient, subject, lines));
        message.Body = new MultipartAlternative { plain, html };
        return message;
    }
}
