using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Receipts;
using IncidentResponse.Notifications.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Receipts;

/// <summary>
/// A report's receipt (QĐ 05 Điều 12): one e-mail to its sender however often the message comes, in Vietnamese first,
/// naming the incident it was filed under and asking nothing; the TLP withholds its title where e-mail may not carry it;
/// an address no mail can go to fails on the record; a drill's receipt is held.
/// </summary>
public sealed class ReportReceiptTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sender_gets_one_bilingual_receipt_with_the_incident_number_even_when_the_message_comes_twice()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Receipt("GREEN");

        Assert.True(await world.ReceiptAsync(message));
        Assert.False(await world.ReceiptAsync(message)); // delivered again: nothing more
        await world.DispatchAsync(message.IncidentId);
        await world.DispatchAsync(message.IncidentId);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mail.To));
        Assert.Equal(("vanphong@ubnd.bacninh.example.invalid", "Nguyễn Văn Báo"), (to.Address, to.Name));
        Assert.Equal("[TLP:GREEN] Xác nhận đã nhận báo cáo / Report received: SC-2026-00077 — [TBSC] Tấn công DDoS Cổng dịch vụ công", mail.Subject);
        Assert.Equal("auto-replied", mail.Headers["Auto-Submitted"]);
        Assert.Equal(message.ReportId.ToString("D"), mail.Headers["X-IR-Report-Id"]);
        Assert.Equal("SC-2026-00077", mail.Headers["X-IR-Incident"]);
        var text = mail.TextBody!;
        Assert.Contains("Kính gửi: Nguyễn Văn Báo, Văn phòng UBND tỉnh", text, StringComparison.Ordinal);
        Assert.Contains("Báo cáo ban đầu sự cố (Mẫu 03)", text, StringComparison.Ordinal);
        Assert.Contains("Thời điểm nhận: 05/12/2026 09:15 (UTC+07:00)", text, StringComparison.Ordinal);
        Assert.Contains("Báo cáo được ghi nhận là sự cố mới, số SC-2026-00077.", text, StringComparison.Ordinal);
        Assert.Contains(message.ReportId.ToString("D"), text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("XÁC NHẬN ĐÃ NHẬN BÁO CÁO", StringComparison.Ordinal) < text.IndexOf("RECEIPT FOR AN INCIDENT REPORT", StringComparison.Ordinal));
        Assert.Contains("The report opened a new incident, number SC-2026-00077.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ack/", text, StringComparison.Ordinal); // a receipt asks nothing
        Assert.DoesNotContain("/ack/", mail.HtmlBody, StringComparison.Ordinal);

        var notification = Assert.Single(await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == message.IncidentId).ToListAsync(Cancel)));
        Assert.Equal((NotificationOrigins.Receipt, "Receipt", NotificationStatus.Delivered), (notification.Origin, notification.Kind, notification.Status));
        Assert.Equal($"receipt:{message.ReportId:N}", notification.IdempotencyKey);
    }

    [Fact]
    public async Task Under_TLP_RED_the_receipt_names_the_incident_but_not_the_title_and_a_correlated_report_is_told_so()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Receipt("RED") with { Correlated = true };

        Assert.True(await world.ReceiptAsync(message));
        await world.DispatchAsync(message.IncidentId);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        Assert.DoesNotContain("DDoS", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("DDoS", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("SC-2026-00077", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("(nội dung hạn chế theo TLP)", mail.TextBody, StringComparison.Ordinal);
        // Whether others reported it too is the incident's to withhold as well.
        Assert.Contains("Báo cáo được ghi nhận vào sự cố số SC-2026-00077.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("báo cáo khác", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_filed_under_an_incident_already_open_is_confirmed_by_its_own_title_not_the_incidents()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Receipt("GREEN") with { Correlated = true, Title = "[TBSC] Bổ sung: lưu lượng tăng lúc 10 giờ" };
        await world.IncidentAsync(message.IncidentId, message.IncidentNumber, "GREEN"); // the copy: opened by "DDoS vào Cổng dịch vụ công"

        Assert.True(await world.ReceiptAsync(message));
        await world.DispatchAsync(message.IncidentId);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        Assert.EndsWith("SC-2026-00077 — [TBSC] Bổ sung: lưu lượng tăng lúc 10 giờ", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng dịch vụ công", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("đã mở trước đó theo báo cáo khác về cùng sự cố", mail.TextBody, StringComparison.Ordinal);
        var stored = Assert.Single(await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == message.IncidentId).ToListAsync(Cancel)));
        Assert.Contains("Bổ sung: lưu lượng", stored.Notice, StringComparison.Ordinal); // as sent, so a resend says the same
    }

    [Theory]
    [InlineData(false, "được ghi nhận vào sự cố số SC-2026-00077 mà báo cáo dẫn chiếu.", "đã mở trước đó")]
    [InlineData(true, "Sự cố này đã đóng và không được mở lại; nếu đây là sự cố mới, đề nghị gửi báo cáo riêng", "đã mở trước đó")]
    public async Task A_report_quoting_its_incident_is_told_so_and_whether_that_incident_is_closed(bool closed, string says, string saysNot)
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Receipt("GREEN") with { Correlated = true, Quoted = true, IncidentClosed = closed, Title = "Báo cáo diễn biến SC-2026-00077" };
        await world.IncidentAsync(message.IncidentId, message.IncidentNumber, "GREEN");

        Assert.True(await world.ReceiptAsync(message));
        await world.DispatchAsync(message.IncidentId);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        Assert.Contains(says, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(saysNot, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(closed, mail.TextBody!.Contains("That incident is closed and was not reopened", StringComparison.Ordinal));
        Assert.Equal(!closed, mail.TextBody.Contains("Đề nghị ghi số sự cố này trong các báo cáo tiếp theo", StringComparison.Ordinal)); // not to a closed one
    }

    [Fact]
    public async Task Under_TLP_RED_a_report_quoting_a_closed_incident_is_still_told_where_it_went()
    {
        await using var world = await DocumentWorld.StartAsync();
        var message = Receipt("RED") with { Correlated = true, Quoted = true, IncidentClosed = true, Title = "Báo cáo diễn biến" };
        await world.IncidentAsync(message.IncidentId, message.IncidentNumber, "RED");

        Assert.True(await world.ReceiptAsync(message));
        await world.DispatchAsync(message.IncidentId);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(world.Pickup, "*.eml")), Cancel);
        Assert.Contains("Sự cố này đã đóng và không được mở lại", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Báo cáo diễn biến", mail.TextBody, StringComparison.Ordinal); // the title stays withheld
    }

    [Fact]
    public async Task An_address_no_mail_can_go_to_fails_on_the_record_and_a_drill_receipt_is_held()
    {
        await using var world = await DocumentWorld.StartAsync();
        var bad = Receipt("GREEN") with { To = "khong-hop-le@" };
        var drill = Receipt("GREEN") with { ReportId = Guid.NewGuid(), Drill = true };

        Assert.False(await world.ReceiptAsync(bad));
        Assert.False(await world.ReceiptAsync(drill));
        await world.DispatchAsync(bad.IncidentId);

        Assert.False(Directory.Exists(world.Pickup) && Directory.GetFiles(world.Pickup, "*.eml").Length > 0);
        var rows = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == bad.IncidentId).ToListAsync(Cancel));
        var failed = Assert.Single(rows, n => n.IdempotencyKey == $"receipt:{bad.ReportId:N}");
        Assert.Equal(NotificationStatus.Failed, failed.Status);
        Assert.Equal(SendReportReceiptConsumer.InvalidAddress, failed.LastError);
        Assert.Equal(NotificationStatus.Held, Assert.Single(rows, n => n.IdempotencyKey == $"receipt:{drill.ReportId:N}").Status);
    }

    [Fact]
    public async Task A_receipt_for_an_emailed_report_answers_its_message_and_a_malformed_message_id_is_left_out()
    {
        await using var world = await DocumentWorld.StartAsync();
        var threaded = Receipt("GREEN") with { InReplyTo = "m2.20261205@reporter.example.invalid" };
        var malformed = Receipt("GREEN") with { ReportId = Guid.NewGuid(), InReplyTo = "a@b> \r\nBcc: x@evil.example.invalid" };
        var comment = Receipt("GREEN") with { ReportId = Guid.NewGuid(), InReplyTo = "(x@reporter.example.invalid" }; // MimeKit reads "(" as a comment

        Assert.True(await world.ReceiptAsync(threaded));
        Assert.True(await world.ReceiptAsync(malformed));
        Assert.True(await world.ReceiptAsync(comment));
        await world.DispatchAsync(threaded.IncidentId);

        var mails = Directory.GetFiles(world.Pickup, "*.eml").Select(f => MimeMessage.Load(f, Cancel)).ToList();
        var answer = Assert.Single(mails, m => m.Headers["X-IR-Report-Id"] == threaded.ReportId.ToString("D"));
        Assert.Equal("m2.20261205@reporter.example.invalid", answer.InReplyTo);
        Assert.Equal(["m2.20261205@reporter.example.invalid"], answer.References);
        Assert.Equal("<m2.20261205@reporter.example.invalid>", answer.Headers[HeaderId.InReplyTo]!.Trim());
        var other = Assert.Single(mails, m => m.Headers["X-IR-Report-Id"] == malformed.ReportId.ToString("D"));
        Assert.Null(other.InReplyTo);
        Assert.Empty(other.References);
        Assert.Null(other.Headers[HeaderId.Bcc]);
        var sent = Assert.Single(mails, m => m.Headers["X-IR-Report-Id"] == comment.ReportId.ToString("D")); // sent, unthreaded
        Assert.Null(sent.InReplyTo);
        Assert.Equal("a@b.example.invalid", ReceiptRef.ThreadId("a@b.example.invalid"));
        Assert.Equal("x.y+z@[10.0.0.1]", ReceiptRef.ThreadId("x.y+z@[10.0.0.1]"));
        Assert.Null(ReceiptRef.ThreadId("a..b@x"));
        Assert.Null(ReceiptRef.ThreadId("(c)a@x"));
        Assert.Null(ReceiptRef.ThreadId("a@b@c"));
    }

    private static SendReportReceipt Receipt(string tlp) => new(
        Guid.NewGuid(), Guid.Parse("4b7f3c1e-2d5a-4f8b-9c0d-1e2f3a4b5c6d"), "SC-2026-00077", false, "vanphong@ubnd.bacninh.example.invalid", "Nguyễn Văn Báo",
        "Văn phòng UBND tỉnh", "[TBSC] Tấn công DDoS Cổng dịch vụ công", tlp, ReportChannels.Email, true, false,
        new DateTimeOffset(2026, 12, 5, 2, 15, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 5, 2, 15, 1, TimeSpan.Zero));
}
