using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// A mail this system sent (a notice, a document, a report's receipt): it carries the notifications service's
/// <see cref="NotificationIdHeader"/> and says it was sent automatically (RFC 3834 <c>Auto-Submitted</c>). When such a mail
/// reaches the intake mailbox — the standing office's duty mailbox is often both a recipient and the intake box, or a
/// reporter's mail system sends a receipt back — filing it as a report would open an incident about our own notice, whose
/// notices would come back again: it is left in the mailbox, marked processed, and not filed. A sender who adds the header
/// to a real report only keeps it from being filed, which the mailbox's own log shows.
/// </summary>
public static class OwnMail
{
    /// <summary>The header the notifications service writes on every mail it sends (<c>EmailMessage.NotificationIdHeader</c>).</summary>
    public const string NotificationIdHeader = "X-IR-Notification-Id";

    public static bool IsOurs(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers.Contains(NotificationIdHeader)
            && message.Headers["Auto-Submitted"] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase);
    }
}
