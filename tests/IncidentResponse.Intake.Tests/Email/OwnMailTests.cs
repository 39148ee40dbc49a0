using IncidentResponse.Intake.Email;
using MimeKit;

namespace IncidentResponse.Intake.Tests.Email;

/// <summary>
/// Which mails reaching the intake mailbox are ours or a machine's answer to ours (never filed), and which a person sent
/// (filed, even when they quote or forward one of ours).
/// </summary>
public sealed class OwnMailTests
{
    private const string OurId = "0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c1e@incidentresponse";

    [Fact]
    public void A_copy_of_our_notice_and_machines_answering_it_are_ours_and_people_writing_are_not()
    {
        var notice = Mail(m =>
        {
            m.MessageId = OurId;
            m.Headers.Add(OwnMail.NotificationIdHeader, Guid.NewGuid().ToString("D"));
            m.Headers.Add("Auto-Submitted", "auto-replied");
        });
        Assert.True(OwnMail.IsOurs(notice));

        // An absence notice answering it, and one that only lists it in References.
        Assert.True(OwnMail.IsOurs(Mail(m => { m.InReplyTo = OurId; m.Headers.Add("Auto-Submitted", "auto-replied"); })));
        Assert.True(OwnMail.IsOurs(Mail(m => { m.References.Add(OurId); m.Headers.Add("Auto-Submitted", "auto-generated"); })));

        // A delivery report returning it; and a read receipt that returns nothing of it but answers it automatically.
        Assert.True(OwnMail.IsOurs(Mail(m => m.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Không gửi được." }, new MessagePart { Message = notice } })));
        Assert.True(OwnMail.IsOurs(Mail(m =>
        {
            m.InReplyTo = OurId;
            m.Headers.Add("Auto-Submitted", "auto-replied");
            m.Body = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "Đã đọc." } };
        })));

        // People: a reply or forward (no Auto-Submitted, or "no"), whatever it quotes; and a report about something else.
        Assert.False(OwnMail.IsOurs(Mail(m => { m.InReplyTo = OurId; m.Headers.Add(OwnMail.NotificationIdHeader, Guid.NewGuid().ToString("D")); })));
        Assert.False(OwnMail.IsOurs(Mail(m => { m.InReplyTo = OurId; m.Headers.Add("Auto-Submitted", "no"); })));
        Assert.False(OwnMail.IsOurs(Mail(m => { m.InReplyTo = "abc@reporter.example.invalid"; m.Headers.Add("Auto-Submitted", "auto-generated"); })));
        Assert.False(OwnMail.IsOurs(Mail(_ => { })));
    }

    private static MimeMessage Mail(Action<MimeMessage> shape)
    {
        var message = new MimeMessage { Subject = "Sự cố", Body = new TextPart("plain") { Text = "Nội dung." } };
        message.From.Add(new MailboxAddress("Người gửi", "nguoigui@example.invalid"));
        message.To.Add(new MailboxAddress("Ban Chỉ đạo", "baocao@bcd.bacninh.example.invalid"));
        shape(message);
        return message;
    }
}
