using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Documents;

/// <summary>
/// What the dispatcher does differently for a notice that sends an issued document: it attaches the stored files,
/// and it refuses a destination the document may not go to — another channel than e-mail, or an e-mail that the TLP
/// disclosure policy does not let carry the full incident (the document is the full incident). A refusal is an attempt
/// on the record, with the reason, like any failed try.
/// </summary>
public static class DocumentFiles
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static async Task<Notice> AttachAsync(NotificationsDbContext db, Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Document is not { } document)
        {
            return notice;
        }

        var copy = await db.IssuedDocumentCopies.AsNoTracking().FirstOrDefaultAsync(c => c.DocumentId == document.DocumentId, cancellationToken);
        var name = $"{document.FileName}-v{document.Version}";
        return copy is null ? notice : notice with
        {
            Attachments = [new MailAttachment(name + ".pdf", "application/pdf", copy.Pdf), new MailAttachment(name + ".docx", DocxType, copy.Docx)],
        };
    }

    /// <summary>Why the document may not go to <paramref name="contact"/> (a failed attempt to record), or null when it may.</summary>
    public static DeliveryReport? Refusal(Notice notice, ContactChannel contact, DisclosureFile policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(policy);
        if (notice.Document is null)
        {
            return null;
        }

        var level = policy.LevelFor(notice.Tlp, contact.Channel, notice.UnitCode);
        var why = contact.Channel != EmailChannel.ChannelName ? "văn bản chỉ gửi bằng thư điện tử / documents go by e-mail only"
            : notice.Attachments is null ? "không tìm thấy tệp của văn bản / the document's files are not stored"
            : level != DisclosureLevel.Full
                ? $"TLP:{notice.Tlp} chỉ cho phép thư điện tử tới đơn vị này mức \"{level.ToString().ToLowerInvariant()}\"; văn bản không được gửi, hãy chuyển bằng kênh khác / "
                  + $"TLP:{notice.Tlp} lets e-mail to this unit carry \"{level.ToString().ToLowerInvariant()}\" only; the document was not sent, deliver it another way"
            : null;
        return why is null ? null : new DeliveryReport([new AttemptRecord(contact.Channel, contact.Address, now, AttemptOutcome.PermanentFailure, why, TimeSpan.Zero)]);
    }
}
