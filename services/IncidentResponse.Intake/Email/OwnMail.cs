using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// A mail this system sent (a notice, a document, a report's receipt), or a machine's answer to one, that reached the intake
/// mailbox: the standing office's duty mailbox is often both a recipient of notices and the intake box, and a reporter's
/// mail system may bounce a receipt or answer it automatically. Filing one as a report would open an incident about our own
/// notice, whose notices would come back again; so it is left in the mailbox, marked processed, and not filed. It is one of
/// <list type="bullet">
/// <item>a copy of our mail: <see cref="NotificationIdHeader"/> and an <c>Auto-Submitted</c> other than <c>no</c> (RFC 3834);</item>
/// <item>an automatic answer (<c>Auto-Submitted</c> other than <c>no</c>, e.g. an absence notice) to one of our mails: its
/// <c>In-Reply-To</c> or <c>References</c> names a Message-ID ending in <see cref="MessageIdDomain"/>;</item>
/// <item>a delivery report (RFC 3464 <c>multipart/report</c>) whose returned message or headers carry <see cref="NotificationIdHeader"/>.</item>
/// </list>
/// A person's forward or reply carries no <c>Auto-Submitted</c> and is filed. Another deployment of this software writes
/// the same header and Message-ID domain: its notices reaching this mailbox are not filed either.
/// </summary>
public static class OwnMail
{
    /// <summary>The header the notifications service writes on every mail it sends (<c>EmailMessage.NotificationIdHeader</c>).</summary>
    public const string NotificationIdHeader = "X-IR-Notification-Id";

    /// <summary>How the notifications service's Message-IDs end (<c>EmailMessage.MessageIdOf</c>).</summary>
    public const string MessageIdDomain = "@incidentresponse";

    public static bool IsOurs(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is MultipartReport report && report.OfType<MessagePart>().Any(part => part.Message?.Headers.Contains(NotificationIdHeader) == true))
        {
            return true;
        }

        if (message.Headers["Auto-Submitted"] is not { } auto || auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return message.Headers.Contains(NotificationIdHeader) || Ours(message.InReplyTo) || message.References.Any(Ours);
    }

    private static bool Ours(string? messageId) => messageId?.EndsWith(MessageIdDomain, StringComparison.OrdinalIgnoreCase) == true;
}
