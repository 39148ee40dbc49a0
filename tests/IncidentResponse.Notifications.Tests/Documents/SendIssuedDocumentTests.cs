using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Contracts.Documents;
using IncidentResponse.Contracts.Vocabulary;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Documents;

/// <summary>
/// An issued document sent by e-mail: one mail per recipient with the PDF and the DOCX attached as issued, however
/// often the message comes; a recipient found nowhere and an e-mail the TLP forbids fail on the record, unsent.
/// </summary>
public sealed class SendIssuedDocumentTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% Mẫu 04 as issued\n%%EOF\n");
    private static readonly byte[] Docx = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_recipient_gets_one_mail_with_the_issued_PDF_and_DOCX_attached_even_when_the_message_comes_twice()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Message(["bcd-bn", "national-coordinator", "van-phong@ubnd.bacninh.example.invalid", "specialised-unit", "no-such-unit"]);
        await world.IncidentAsync(message.IncidentId, message.IncidentNumber, "AMBER");

        Assert.Equal(5, await world.ConsumeAsync(Guid.NewGuid(), message));
        var same = Guid.NewGuid();
        Assert.Equal(0, await world.ConsumeAsync(same, message)); // the same sending, as a new message: nothing more
        Assert.Equal(0, await world.ConsumeAsync(same, message)); // and that message again
        await world.DispatchAsync(message.IncidentId);
        await world.DispatchAsync(message.IncidentId);

        var mails = Directory.GetFiles(world.Pickup, "*.eml").Select(f => MimeMessage.Load(f, Cancel)).ToList();
        // Legal recipient roles go to the units the directory names for them (national coordinator, specialised unit: PA05).
        Assert.Equal(["ir@vncert.example.invalid", "thuongtruc@bcd.bacninh.example.invalid", "trucban@pa05.congan.bacninh.example.invalid", "van-phong@ubnd.bacninh.example.invalid"],
            mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var mail in mails)
        {
            Assert.Equal("[TLP:AMBER] SC-2026-00042 Báo cáo kết thúc ứng phó sự cố (Mẫu 04) — phiên bản 2", mail.Subject);
            var files = mail.Attachments.OfType<MimePart>().ToList();
            Assert.Equal(["SC-2026-00042-mau-04-v2.pdf", "SC-2026-00042-mau-04-v2.docx"], files.Select(f => f.FileName));
            Assert.Equal(Pdf, Content(files[0]));
            Assert.Equal(Docx, Content(files[1]));
            Assert.Equal("application/pdf", files[0].ContentType.MimeType);
            var text = mail.TextBody!;
            Assert.Contains(Sha256(Pdf), text, StringComparison.Ordinal);
            Assert.Contains("Thực hiện nghĩa vụ: Báo cáo kết thúc ứng phó sự cố (Mẫu 04)", text, StringComparison.Ordinal);
            Assert.True(text.IndexOf("Kính gửi", StringComparison.Ordinal) < text.IndexOf("Please find attached", StringComparison.Ordinal));
        }

        var notifications = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == message.IncidentId).ToListAsync(Cancel));
        Assert.Equal(5, notifications.Count);
        Assert.All(notifications, n => Assert.Equal("document", n.Origin));
        Assert.Equal(4, notifications.Count(n => n.Status == NotificationStatus.Delivered));
        var unknown = Assert.Single(notifications, n => n.Status == NotificationStatus.Failed);
        Assert.Contains("no-such-unit", unknown.LastError, StringComparison.Ordinal);
        var attempts = await world.WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().Where(a => notifications.Select(n => n.Id).Contains(a.NotificationId)).ToListAsync(Cancel));
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.StartsWith("pickup: ", a.ProviderResponse, StringComparison.Ordinal));
        var outbox = await world.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => new { m.MessageType, m.Body }).ToListAsync(Cancel));
        var delivered = outbox.Where(m => m.MessageType.EndsWith(".NotificationsDelivered", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, delivered.Sum(m => m.Body.Split("\"notificationId\"").Length - 1)); // each notification delivered is told once
        Assert.DoesNotContain(outbox, m => m.MessageType.EndsWith(".NotificationDelivered", StringComparison.Ordinal));
        Assert.Equal(1, outbox.Count(m => m.MessageType.EndsWith(".NotificationFailed", StringComparison.Ordinal)));
        Assert.Equal(1, await world.WithDbAsync(db => db.IssuedDocumentCopies.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_periodic_reports_form_belongs_to_no_incident_is_named_by_its_report_and_tells_no_timeline()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Message(["national-coordinator", "no-such-unit"]) with
        {
            IncidentId = Guid.Empty, IncidentNumber = "mau-05-year:2026", Form = "mau-05", FormNameVi = "Báo cáo tổng hợp tình hình sự cố (Mẫu 05)",
            FormNameEn = "Incident summary report (form 05)", Version = 3, FileName = "mau-05-2026", DutyId = "mau-05-year",
            DutyNameVi = "Báo cáo tổng hợp tình hình sự cố năm (Mẫu 05) 2026", DutyNameEn = "Annual incident summary (form 05) 2026", DutyBasis = "TT 20/2017/TT-BTTTT, Mẫu 05",
        };

        Assert.Equal(2, await world.ConsumeAsync(Guid.NewGuid(), message));
        await world.DispatchAsync(Guid.Empty);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        Assert.Equal("ir@vncert.example.invalid", mail.To.Mailboxes.Single().Address);
        Assert.Equal("[TLP:GREEN] Báo cáo tổng hợp tình hình sự cố năm (Mẫu 05) 2026 — phiên bản 3", mail.Subject);
        Assert.Equal("mau-05-year:2026", mail.Headers["X-IR-Periodic-Report"]);
        Assert.Null(mail.Headers["X-IR-Incident"]);
        var text = mail.TextBody!;
        Assert.Contains("Xin gửi kèm văn bản Báo cáo tổng hợp tình hình sự cố (Mẫu 05), phiên bản 3, ban hành lúc", text, StringComparison.Ordinal);
        Assert.Contains("Thực hiện nghĩa vụ: Báo cáo tổng hợp tình hình sự cố năm (Mẫu 05) 2026 (TT 20/2017/TT-BTTTT, Mẫu 05)", text, StringComparison.Ordinal);
        Assert.Contains("The SHA-256 hashes are the ones stored with the issued version", text, StringComparison.Ordinal);
        Assert.DoesNotContain("timeline", text, StringComparison.Ordinal);
        var notifications = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == Guid.Empty).ToListAsync(Cancel));
        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Failed], notifications.Select(n => n.Status).Order());
        // No incident's timeline hears of either outcome: the deliveries list has them.
        var outbox = await world.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.MessageType).ToListAsync(Cancel));
        Assert.DoesNotContain(outbox, t => t.EndsWith(".NotificationFailed", StringComparison.Ordinal) || t.Contains(".NotificationsDelivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_TLP_RED_document_is_not_e_mailed_where_the_policy_lets_e_mail_carry_less_than_everything()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Message(["bcd-bn", "pa05-bn"]);
        await world.IncidentAsync(message.IncidentId, message.IncidentNumber, "RED");

        await world.ConsumeAsync(Guid.NewGuid(), message);
        await world.DispatchAsync(message.IncidentId);

        Assert.False(Directory.Exists(world.Pickup) && Directory.EnumerateFiles(world.Pickup).Any());
        var notifications = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == message.IncidentId).ToListAsync(Cancel));
        Assert.All(notifications, n =>
        {
            Assert.Equal(NotificationStatus.Failed, n.Status);
            Assert.Contains("TLP:RED", n.LastError, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Files_that_do_not_match_their_hashes_are_refused()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Message(["bcd-bn"]) with { PdfSha256 = Sha256([1, 2, 3]) };

        await Assert.ThrowsAsync<InvalidDataException>(() => world.ConsumeAsync(Guid.NewGuid(), message));
        Assert.Equal(0, await world.WithDbAsync(db => db.IssuedDocumentCopies.CountAsync(Cancel)));
    }

    private static SendIssuedDocument Message(string[] recipients) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "SC-2026-00042", "mau-04", "Báo cáo kết thúc ứng phó sự cố (Mẫu 04)", "Closing report (form 04)", 2,
        "SC-2026-00042-mau-04", Pdf, Sha256(Pdf), Docx, Sha256(Docx), "Trần Thị B", TimeProvider.System.GetUtcNow().AddMinutes(-5), recipients,
        "mau-04-closing-report", "Báo cáo kết thúc ứng phó sự cố (Mẫu 04) — 5 ngày sau khi kết thúc ứng phó", "Closing report (form 04)",
        "TT 20/2017/TT-BTTTT Điều 9, Mẫu 04", "Trần Thị B", TimeProvider.System.GetUtcNow());

    private static byte[] Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
