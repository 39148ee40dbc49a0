using IncidentResponse.Contracts.Periodic;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The reminder of a periodic report (Mẫu 05), in both languages, the recipient's first: which report, for which period, due
/// when (in the recipient's time zone), on what basis, where the console prepares it, and how to record it submitted or
/// waived. It asks no acknowledgement: recording the report is what ends the reminders.
/// </summary>
internal static class PeriodicReminderEmail
{
    public const string PeriodicHeader = "X-IR-Periodic-Report";

    public static string Subject(Notice notice)
    {
        var periodic = notice.Periodic ?? throw new ArgumentException("not a periodic reminder", nameof(notice));
        var round = PeriodicReportReminder.OverdueRound(periodic.Stage);
        var mark = !PeriodicReportReminder.IsOverdueStage(periodic.Stage) ? "[NHẮC HẠN / REMINDER]"
            : round >= 2 ? $"[QUÁ HẠN, CẢNH BÁO LẦN {round} / OVERDUE, ALERT {round}]" : "[QUÁ HẠN / OVERDUE]";
        return $"{mark} {periodic.NameVi} {periodic.Year} / {periodic.NameEn} {periodic.Year}";
    }

    public static MimeMessage Build(Notice notice, Recipient recipient, MailboxAddress to, MailboxAddress from, DateTimeOffset date)
    {
        var periodic = notice.Periodic ?? throw new ArgumentException("not a periodic reminder", nameof(notice));
        var message = LetterEmail.Message(notice, to, from, date, Subject(notice), "auto-generated");
        // About no incident: no incident header (tools that sort mail by incident pass it by), its own instead.
        message.Headers.Remove(EmailMessage.IncidentHeader);
        message.Headers.Add(PeriodicHeader, $"{periodic.Kind}:{periodic.Year}");
        message.Body = LetterEmail.Body(Text(notice, periodic, recipient), Subject(notice), recipient);
        return message;
    }

    private static string Text(Notice notice, PeriodicRef periodic, Recipient recipient)
    {
        var zone = NoticeFormat.ZoneOf(recipient);
        var overdue = PeriodicReportReminder.IsOverdueStage(periodic.Stage);
        var console = new Uri(notice.IncidentLink, "../duties"); // beside incidents/{id}: a base URL's own path is kept
        return LetterEmail.Text(notice, recipient, (text, inEnglish, L) =>
        {
            text.Append(NoticeFormat.Heading(NoticeKind.PeriodicReminder, inEnglish)).Append("\n\n");
            text.Append(overdue
                ? L($"Báo cáo định kỳ sau đã QUÁ HẠN và chưa được ghi nhận đã gửi hay được miễn:",
                    "This periodic report is OVERDUE and has not been recorded as submitted or waived:")
                : L("Báo cáo định kỳ sau sắp đến hạn và chưa được ghi nhận đã gửi:", "This periodic report is due soon and has not been recorded as submitted:"))
                .Append('\n');
            text.Append(L("  - Báo cáo: ", "  - Report: ")).Append(L(periodic.NameVi, periodic.NameEn)).Append('\n');
            text.Append(L("  - Năm: ", "  - Year: ")).Append(periodic.Year).Append('\n');
            text.Append(L("  - Hạn: ", "  - Due: ")).Append(NoticeFormat.Due(periodic.DueAt, zone)).Append('\n');
            text.Append(L("  - Căn cứ: ", "  - Basis: ")).Append(periodic.Basis).Append("\n\n");
            var round = PeriodicReportReminder.OverdueRound(periodic.Stage);
            if (round >= 2)
            {
                text.Append(L($"Đây là cảnh báo quá hạn lần {round}: các cảnh báo trước chưa dẫn đến việc gửi báo cáo.",
                    $"This is overdue alert {round}: the earlier alerts have not led to the report being sent."));
                if (periodic.StandingUnitNameVi is not null)
                {
                    text.Append(L($" Đề nghị đôn đốc {periodic.StandingUnitNameVi} thực hiện.", $" Please see that the {periodic.StandingUnitNameEn} does it."));
                }

                text.Append("\n\n");
            }

            text.Append(L($"Lập báo cáo (Mẫu 05, số liệu từ sổ sự cố) và ghi nhận đã gửi hoặc miễn tại: {console}",
                $"Prepare it (form 05, figures from the incident register) and record it submitted or waived at: {console}")).Append('\n');
            var next = periodic.NextAlertAt is { } at ? NoticeFormat.Due(at, zone) : null;
            text.Append(overdue && next is not null && periodic.NextUnitNameVi is not null
                ? L($"Nếu báo cáo vẫn chưa được ghi nhận đã gửi hoặc miễn, lúc {next} hệ thống báo lên {periodic.NextUnitNameVi}.",
                    $"If the report is still not recorded as submitted or waived, the system tells {periodic.NextUnitNameEn} at {next}.")
                : overdue && next is not null
                ? L($"Nếu báo cáo vẫn chưa được ghi nhận đã gửi hoặc miễn, hệ thống cảnh báo lại lúc {next}.",
                    $"If the report is still not recorded as submitted or waived, the system alerts again at {next}.")
                : overdue
                ? L("Đây là cảnh báo quá hạn cuối cùng; báo cáo vẫn hiện trên bảng nghĩa vụ cho đến khi được ghi nhận đã gửi hoặc miễn.",
                    "This is the last overdue alert; the report stays on the duties board until it is recorded as submitted or waived.")
                : L("Hệ thống nhắc lại trước hạn nếu còn mốc nhắc và khi quá hạn, trừ khi báo cáo đã được ghi nhận đã gửi hoặc miễn.",
                    "The system reminds again before the due time if a reminder remains, and when the report is overdue, unless it has been recorded as submitted or waived."))
                .Append('\n');
        });
    }
}
