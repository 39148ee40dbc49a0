using IncidentResponse.Contracts.Periodic;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Periodic;

/// <summary>
/// A periodic report's reminder (Mẫu 05): one e-mail to the standing office's duty point per report, year and stage however
/// often the message comes, in Vietnamese first, asking no acknowledgement; about no incident, so nothing goes to a timeline;
/// a unit the directory does not hold tells nobody.
/// </summary>
public sealed class PeriodicReminderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Due = new(2026, 6, 19, 17, 0, 0, TimeSpan.Zero); // 20/6/2026 00:00 in Hà Nội

    [Fact]
    public async Task The_standing_office_gets_one_bilingual_reminder_per_stage_by_email_and_no_timeline_hears_of_it()
    {
        await using var world = await DocumentWorld.StartAsync();
        var soon = Reminder("before-P14D");
        var overdue = Reminder(PeriodicReportReminder.Overdue);

        Assert.True(await world.PeriodicAsync(soon));
        Assert.False(await world.PeriodicAsync(soon)); // delivered again: nothing more
        Assert.True(await world.PeriodicAsync(overdue));
        await world.DispatchAsync(Notification.NoIncident);

        var mails = Directory.GetFiles(world.Pickup, "*.eml").Select(f => MimeMessage.Load(f, Cancel)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("thuongtruc@bcd.bacninh.example.invalid", Assert.IsType<MailboxAddress>(Assert.Single(m.To)).Address));
        var first = Assert.Single(mails, m => m.Subject!.StartsWith("[NHẮC HẠN / REMINDER]", StringComparison.Ordinal));
        Assert.Equal("[NHẮC HẠN / REMINDER] Báo cáo tổng hợp tình hình sự cố 6 tháng đầu năm (Mẫu 05) 2026 / Half-year incident summary (form 05) 2026", first.Subject);
        Assert.Equal("mau-05-half-year:2026", first.Headers["X-IR-Periodic-Report"]);
        Assert.Equal("auto-generated", first.Headers["Auto-Submitted"]);
        Assert.Null(first.Headers["X-IR-Incident"]); // about no incident
        var text = first.TextBody!;
        Assert.True(text.IndexOf("NHẮC HẠN BÁO CÁO ĐỊNH KỲ", StringComparison.Ordinal) < text.IndexOf("PERIODIC REPORT REMINDER", StringComparison.Ordinal));
        Assert.Contains("  - Hạn: 20/06/2026 00:00 (UTC+07:00)", text, StringComparison.Ordinal);
        Assert.Contains("TT 20/2017/TT-BTTTT, Mẫu 05 (trước 20/6)", text, StringComparison.Ordinal);
        Assert.Contains("/duties", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ack/", text, StringComparison.Ordinal); // a reminder asks no acknowledgement: recording the report ends them
        Assert.StartsWith("[QUÁ HẠN / OVERDUE]", Assert.Single(mails, m => m != first).Subject, StringComparison.Ordinal);
        Assert.Contains("đã QUÁ HẠN", Assert.Single(mails, m => m != first).TextBody, StringComparison.Ordinal);
        Assert.Contains("Đây là cảnh báo quá hạn cuối cùng", Assert.Single(mails, m => m != first).TextBody, StringComparison.Ordinal); // no promise of more
        Assert.Contains("Hệ thống nhắc lại trước hạn nếu còn mốc nhắc và khi quá hạn", text, StringComparison.Ordinal);
        Assert.Matches(@"https?://\S+/duties\b", text);
        Assert.DoesNotContain("/incidents/duties", text, StringComparison.Ordinal);

        var rows = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Origin == NotificationOrigins.Periodic).ToListAsync(Cancel));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, n => Assert.Equal((Notification.NoIncident, NotificationStatus.Delivered, "duty:bcd-bn", "mau-05-half-year:2026"),
            (n.IncidentId, n.Status, n.RecipientKey, n.IncidentNumber)));
        Assert.Equal(["periodic:mau-05-half-year:2026:before-P14D", "periodic:mau-05-half-year:2026:overdue"], rows.Select(n => n.IdempotencyKey).Order(StringComparer.Ordinal));
        var outbox = await world.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.MessageType).ToListAsync(Cancel));
        Assert.DoesNotContain(outbox, t => t.Contains("NotificationDelivered", StringComparison.Ordinal) || t.Contains("NotificationsDelivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_further_overdue_alert_goes_to_its_own_unit_counts_its_round_and_says_when_the_next_comes()
    {
        await using var world = await DocumentWorld.StartAsync();
        var first = Reminder(PeriodicReportReminder.Overdue) with { NextAlertAt = Due.AddDays(7), NextAlertUnit = "bcd-bn" };
        var second = Reminder(PeriodicReportReminder.OverdueStage(2)) with { NextAlertAt = Due.AddDays(14), NextAlertUnit = "skhcn-bn", RaisedAt = Due.AddDays(7), StandingUnit = "bcd-bn" };
        var third = Reminder(PeriodicReportReminder.OverdueStage(3)) with { NotifyUnit = "skhcn-bn", RaisedAt = Due.AddDays(14), StandingUnit = "bcd-bn" };

        Assert.True(await world.PeriodicAsync(first));
        Assert.True(await world.PeriodicAsync(second));
        Assert.True(await world.PeriodicAsync(third));
        await world.DispatchAsync(Notification.NoIncident);

        var mails = Directory.GetFiles(world.Pickup, "*.eml").Select(f => MimeMessage.Load(f, Cancel)).ToList();
        var overdue = Assert.Single(mails, m => m.Subject!.StartsWith("[QUÁ HẠN / OVERDUE]", StringComparison.Ordinal));
        Assert.Contains("hệ thống cảnh báo lại lúc 27/06/2026 00:00 (UTC+07:00)", overdue.TextBody, StringComparison.Ordinal);
        Assert.Contains("the system alerts again at 27/06/2026 00:00 (UTC+07:00)", overdue.TextBody, StringComparison.Ordinal);
        // The next alert goes to the department: the standing office is told who hears next, not promised an alert itself.
        var again = Assert.Single(mails, m => m.Subject!.StartsWith("[QUÁ HẠN, CẢNH BÁO LẦN 2 / OVERDUE, ALERT 2]", StringComparison.Ordinal));
        Assert.Equal("thuongtruc@bcd.bacninh.example.invalid", Assert.IsType<MailboxAddress>(Assert.Single(again.To)).Address);
        Assert.Contains("lúc 04/07/2026 00:00 (UTC+07:00) hệ thống báo lên Sở Khoa học và Công nghệ tỉnh Bắc Ninh", again.TextBody, StringComparison.Ordinal);
        Assert.Contains("Đây là cảnh báo quá hạn lần 2", again.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Đề nghị đôn đốc", again.TextBody, StringComparison.Ordinal); // the standing office is not asked to urge itself
        var last = Assert.Single(mails, m => m.Subject!.StartsWith("[QUÁ HẠN, CẢNH BÁO LẦN 3 / OVERDUE, ALERT 3]", StringComparison.Ordinal));
        Assert.Contains("skhcn", Assert.IsType<MailboxAddress>(Assert.Single(last.To)).Address, StringComparison.Ordinal);
        Assert.Contains("Đây là cảnh báo quá hạn cuối cùng", last.TextBody, StringComparison.Ordinal);
        Assert.Contains("Đề nghị đôn đốc Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh thực hiện", last.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please see that the Bắc Ninh Steering Committee for emergency response to cyber security incidents does it", last.TextBody, StringComparison.Ordinal);
        var rows = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Select(n => new { n.IdempotencyKey, n.RecipientKey, n.Notice }).ToListAsync(Cancel));
        var escalated = Assert.Single(rows, k => k.IdempotencyKey == "periodic:mau-05-half-year:2026:overdue-3");
        Assert.Equal("duty:skhcn-bn", escalated.RecipientKey);
        var notice = System.Text.Json.JsonSerializer.Deserialize<IncidentResponse.Notifications.Channels.Notice>(escalated.Notice, IncidentResponse.Notifications.Partners.DirectoryJson.Options)!;
        Assert.EndsWith("(cảnh báo lần 3, báo cáo vẫn chưa được gửi)", notice.ReasonVi, StringComparison.Ordinal);
    }

    /// <summary>A stage this version cannot number is still overdue (a later version's): never read as "due soon".</summary>
    [Theory]
    [InlineData("overdue", 1, true)]
    [InlineData("overdue-2", 2, true)]
    [InlineData("overdue-12", 12, true)]
    [InlineData("overdue-1", 0, true)]
    [InlineData("overdue-x", 0, true)]
    [InlineData("overdue-+3", 0, true)]
    [InlineData("overdue-02", 0, true)]
    [InlineData("overdue2", 0, false)]
    [InlineData("before-P3D", 0, false)]
    public void Overdue_rounds_are_read_from_their_stage(string stage, int round, bool overdue)
    {
        Assert.Equal(round, PeriodicReportReminder.OverdueRound(stage));
        Assert.Equal(overdue, PeriodicReportReminder.IsOverdueStage(stage));
        if (round > 0)
        {
            Assert.Equal(stage, PeriodicReportReminder.OverdueStage(round));
        }
    }

    [Fact]
    public async Task A_unit_the_directory_does_not_hold_tells_nobody_and_the_deliveries_list_says_so()
    {
        await using var world = await DocumentWorld.StartAsync();

        Assert.False(await world.PeriodicAsync(Reminder("before-P3D") with { NotifyUnit = "khong-co" }));
        Assert.False(await world.PeriodicAsync(Reminder("before-P3D") with { NotifyUnit = "khong-co" })); // a repeat adds nothing

        var row = Assert.Single(await world.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync(Cancel)));
        Assert.Equal(NotificationOrigins.Periodic, row.Origin);
        Assert.Equal(Contracts.Vocabulary.NotificationStatus.Failed, row.Status);
        Assert.StartsWith("khong-co: không có trong danh bạ (hoặc đã ngừng hoạt động)", row.LastError, StringComparison.Ordinal);
        Assert.Equal("khong-co", row.RecipientName);
        Assert.DoesNotContain(await world.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => m.MessageType).ToListAsync(Cancel)),
            t => t.Contains("NotificationFailed", StringComparison.Ordinal)); // about no incident: no timeline hears of it
    }

    [Fact]
    public void The_link_to_the_duties_board_keeps_the_base_urls_own_path()
    {
        var notice = IncidentResponse.Notifications.Tests.Support.Notices.Sample(IncidentResponse.Notifications.Channels.NoticeKind.PeriodicReminder) with
        {
            IncidentLink = new Uri("https://ubnd.example.invalid/ir/incidents/00000000-0000-0000-0000-000000000000"),
            Periodic = new IncidentResponse.Notifications.Channels.PeriodicRef("mau-05-year", 2026, "before-P3D", "Báo cáo năm", "Annual report", "TT 20/2017", Due),
        };

        using var mail = IncidentResponse.Notifications.Channels.PeriodicReminderEmail.Build(notice, IncidentResponse.Notifications.Tests.Support.Notices.Vietnamese,
            new MailboxAddress("Ban Chỉ đạo", "a@example.invalid"), new MailboxAddress("IR", "ir@example.invalid"), Due);

        Assert.Contains("https://ubnd.example.invalid/ir/duties", mail.TextBody, StringComparison.Ordinal);
    }

    private static PeriodicReportReminder Reminder(string stage) => new(
        "mau-05-half-year", 2026, stage, "Báo cáo tổng hợp tình hình sự cố 6 tháng đầu năm (Mẫu 05)", "Half-year incident summary (form 05)",
        "TT 20/2017/TT-BTTTT, Mẫu 05 (trước 20/6) [U: người nhận]", Due, "bcd-bn", Due.AddDays(-14));
}
