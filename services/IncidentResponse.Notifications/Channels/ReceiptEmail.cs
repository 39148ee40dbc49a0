using IncidentResponse.Contracts.Vocabulary;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The receipt for a report (QĐ 05 Điều 12), in both languages, the recipient's first: the committee has the report,
/// when and how it arrived, and the incident number it was filed under, to quote in the reports that follow. It asks
/// nothing (no acknowledgement link or code) and is marked <c>Auto-Submitted: auto-replied</c> (RFC 3834), so an
/// agency's mail system does not answer it. The report's title is the notice's, withheld where the TLP does not allow it.
/// </summary>
internal static class ReceiptEmail
{
    public const string ReportIdHeader = "X-IR-Report-Id";

    public static string Subject(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var title = notice.Title is { Length: > 0 } t ? NoticeFormat.OneLine(t) : NoticeFormat.Restricted(false);
        var prefix = notice.Drill ? NoticeFormat.DrillMark + " " : "";
        return $"{prefix}[TLP:{TlpText.Label(notice.Tlp)}] Xác nhận đã nhận báo cáo / Report received: {notice.IncidentNumber} — {title}";
    }

    public static MimeMessage Build(Notice notice, Recipient recipient, MailboxAddress to, MailboxAddress from, DateTimeOffset date)
    {
        var receipt = notice.Receipt ?? throw new ArgumentException("not a receipt notice", nameof(notice));
        ArgumentNullException.ThrowIfNull(from);
        var message = LetterEmail.Message(notice, to, from, date, Subject(notice), "auto-replied");
        message.Headers.Add(ReportIdHeader, receipt.ReportId.ToString("D"));
        if (ReceiptRef.ThreadId(receipt.InReplyTo) is { } answered)
        {
            // An answer to the report's e-mail (RFC 3834 §3.1.4, RFC 5322 §3.6.4): the sender's mail program shows it under the report.
            try
            {
                message.InReplyTo = answered;
                message.References.Add(answered);
            }
            catch (ArgumentException)
            {
                // MimeKit's reading of a msg-id is its own: one it will not take sends the receipt unthreaded, never not at all.
                message.Headers.Remove(HeaderId.InReplyTo);
                message.Headers.Remove(HeaderId.References);
            }
        }

        message.Body = LetterEmail.Body(Text(notice, receipt, recipient, from.Name ?? from.Address), Subject(notice), recipient);
        return message;
    }

    private static string Text(Notice notice, ReceiptRef receipt, Recipient recipient, string committee)
    {
        var zone = NoticeFormat.ZoneOf(recipient);
        return LetterEmail.Text(notice, recipient, (text, inEnglish, L) =>
        {
            var addressee = string.Join(", ", new[] { receipt.ReporterName, receipt.Organization }.Where(s => !string.IsNullOrWhiteSpace(s)));
            text.Append(NoticeFormat.Heading(NoticeKind.Receipt, inEnglish)).Append("\n\n");
            text.Append(L("Kính gửi: ", "To: ")).Append(addressee.Length > 0 ? addressee : L("người báo cáo", "the reporter")).Append("\n\n");
            text.Append(L($"{committee} xác nhận đã nhận báo cáo sự cố sau:", $"{committee} confirms receipt of this incident report:")).Append('\n');
            text.Append(L("  - Tiêu đề: ", "  - Title: ")).Append(notice.Title is { Length: > 0 } title ? NoticeFormat.OneLine(title) : NoticeFormat.Restricted(inEnglish)).Append('\n');
            text.Append(L("  - Loại báo cáo: ", "  - Kind: ")).Append(receipt.LegalInitialReport
                ? L("Báo cáo ban đầu sự cố (Mẫu 03)", "initial incident report (form Mẫu 03)")
                : L("Báo cáo sự cố", "incident report")).Append('\n');
            text.Append(L("  - Nhận qua: ", "  - Received by: ")).Append(ReportChannels.Name(receipt.Channel, inEnglish)).Append('\n');
            text.Append(L("  - Thời điểm nhận: ", "  - Received at: ")).Append(NoticeFormat.Due(receipt.ReceivedAt, zone)).Append('\n');
            text.Append(L("  - Mã báo cáo: ", "  - Report id: ")).Append(receipt.ReportId.ToString("D")).Append("\n\n");
            // Where a report the reporter numbered went is theirs to know whatever the TLP; whether others reported it is not.
            text.Append(receipt is { Quoted: true, IncidentClosed: true }
                ? L($"Báo cáo được ghi nhận vào sự cố số {notice.IncidentNumber} mà báo cáo dẫn chiếu. Sự cố này đã đóng và không được mở lại; nếu đây là sự cố mới, đề nghị gửi báo cáo riêng, không ghi số sự cố cũ.",
                    $"The report was filed under incident {notice.IncidentNumber}, which it quotes. That incident is closed and was not reopened; if this is a new incident, please report it separately, without the old number.")
                : receipt.Quoted
                ? L($"Báo cáo được ghi nhận vào sự cố số {notice.IncidentNumber} mà báo cáo dẫn chiếu.", $"The report was filed under incident {notice.IncidentNumber}, which it quotes.")
                : notice.Title is null // withheld under the TLP: whether others reported it too is the incident's, not the reporter's
                ? L($"Báo cáo được ghi nhận vào sự cố số {notice.IncidentNumber}.", $"The report was filed under incident {notice.IncidentNumber}.")
                : receipt.Correlated
                ? L($"Báo cáo được ghi nhận vào sự cố số {notice.IncidentNumber}, đã mở trước đó theo báo cáo khác về cùng sự cố.",
                    $"The report was filed under incident {notice.IncidentNumber}, opened earlier by another report of the same incident.")
                : L($"Báo cáo được ghi nhận là sự cố mới, số {notice.IncidentNumber}.", $"The report opened a new incident, number {notice.IncidentNumber}."))
                .Append('\n');
            if (!receipt.IncidentClosed)
            {
                text.Append(L(
                    "Đề nghị ghi số sự cố này trong các báo cáo tiếp theo (báo cáo diễn biến, đề nghị hỗ trợ, báo cáo kết thúc Mẫu 04).",
                    "Please quote this incident number in the reports that follow (progress, requests for support, the closing report Mẫu 04).")).Append('\n');
            }

            text.Append(L("Căn cứ: Quyết định 05/2017/QĐ-TTg, Điều 12.", "Basis: Decision 05/2017/QD-TTg, Article 12.")).Append('\n');
        });
    }
}
