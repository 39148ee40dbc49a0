using System.Text;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The e-mail that sends an issued official document: a short covering letter in both languages (the recipient's
/// first) naming the form, version, issuer, the duty it is sent for and the SHA-256 of each file, with the PDF and the
/// DOCX attached exactly as issued. The subject follows the notices' conventions ("[TBSC]" for the initial report Mẫu 03).
/// </summary>
internal static class DocumentEmail
{
    public const string DocumentIdHeader = "X-IR-Document-Id";

    public static string Subject(Notice notice)
    {
        var document = notice.Document ?? throw new ArgumentException("not a document notice", nameof(notice));
        var prefix = (notice.Drill ? NoticeFormat.DrillMark + " " : "") + (document.Form == "mau-03" ? "[TBSC] " : "");
        return $"{prefix}[TLP:{TlpText.Label(notice.Tlp)}] {notice.IncidentNumber} {document.FormNameVi} — phiên bản {document.Version}";
    }

    public static MimeMessage Build(Notice notice, Recipient recipient, MailboxAddress to, MailboxAddress from, DateTimeOffset date)
    {
        var document = notice.Document ?? throw new ArgumentException("not a document notice", nameof(notice));
        var files = notice.Attachments ?? throw new InvalidOperationException($"the files of document {document.DocumentId} were not loaded");
        var message = new MimeMessage { Subject = Subject(notice), Date = date, MessageId = EmailMessage.MessageIdOf(notice) };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add(EmailMessage.NotificationIdHeader, notice.NotificationId.ToString("D"));
        message.Headers.Add(EmailMessage.IncidentHeader, notice.IncidentNumber);
        message.Headers.Add(DocumentIdHeader, document.DocumentId.ToString("D"));
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var text = Text(notice, document, recipient);
        var plain = new TextPart(MimeKit.Text.TextFormat.Plain);
        plain.SetText(Encoding.UTF8, text);
        var html = new TextPart(MimeKit.Text.TextFormat.Html);
        html.SetText(Encoding.UTF8, $"<!DOCTYPE html>\n<html lang=\"{(recipient.PrefersEnglish ? "en" : "vi")}\">\n<head><meta charset=\"utf-8\"><title>{EmailBody.Encode(message.Subject)}</title></head>\n"
            + $"<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n<pre style=\"font-family:inherit;white-space:pre-wrap\">{EmailBody.Encode(text)}</pre>\n</body>\n</html>\n");
        var mixed = new Multipart("mixed") { new MultipartAlternative { plain, html } };
        foreach (var file in files)
        {
            var type = ContentType.Parse(file.ContentType);
            mixed.Add(new MimePart(type.MediaType, type.MediaSubtype)
            {
                Content = new MimeContent(new MemoryStream(file.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.FileName,
            });
        }

        message.Body = mixed;
        return message;
    }

    private static string Text(Notice notice, DocumentRef document, Recipient recipient)
    {
        var english = recipient.PrefersEnglish;
        var label = TlpText.Label(notice.Tlp);
        var zone = NoticeFormat.ZoneOf(recipient);
        var text = new StringBuilder();
        if (notice.Drill)
        {
            text.Append(NoticeFormat.DrillLine).Append("\n\n");
        }

        text.Append("TLP:").Append(label).Append(" — ").Append(TlpText.Meaning(label, english)).Append(" / ").Append(TlpText.Meaning(label, !english)).Append("\n\n");
        foreach (var inEnglish in new[] { english, !english })
        {
            if (inEnglish != english)
            {
                text.Append("\n----------------------------------------\n").Append(inEnglish ? "English version" : "Bản tiếng Việt").Append("\n\n");
            }

            string L(string vi, string en) => inEnglish ? en : vi;
            var unit = inEnglish ? notice.UnitNameEn : notice.UnitNameVi;
            text.Append(L("Kính gửi: ", "To: ")).Append(unit).Append('\n').Append('\n');
            text.Append(L(
                $"Xin gửi kèm văn bản {document.FormNameVi} của sự cố {notice.IncidentNumber}, phiên bản {document.Version}, ban hành lúc {NoticeFormat.Due(document.IssuedAt, zone)} bởi {document.IssuedBy}.",
                $"Please find attached the {document.FormNameEn} of incident {notice.IncidentNumber}, version {document.Version}, issued at {NoticeFormat.Due(document.IssuedAt, zone)} by {document.IssuedBy}."))
                .Append('\n');
            if ((inEnglish ? document.DutyNameEn : document.DutyNameVi) is { } duty)
            {
                text.Append(L("Thực hiện nghĩa vụ: ", "For the duty: ")).Append(duty).Append(document.DutyBasis is { } basis ? $" ({basis})" : "").Append('\n');
            }

            text.Append('\n').Append(L("Tệp đính kèm (SHA-256):", "Attached files (SHA-256):")).Append('\n');
            foreach (var file in notice.Attachments ?? [])
            {
                var hash = file.FileName.EndsWith(".docx", StringComparison.Ordinal) ? document.DocxSha256 : document.PdfSha256;
                text.Append("  - ").Append(file.FileName).Append(": ").Append(hash).Append('\n');
            }

            text.Append(L(
                "Mã băm SHA-256 là mã được ghi trên dòng thời gian của sự cố, dùng để đối chiếu tệp nhận được còn nguyên vẹn.",
                "The SHA-256 hashes are the ones recorded on the incident's timeline, to check that the files arrived intact.")).Append('\n');
        }

        text.Append('\n').Append(english
            ? "Automated message from the incident response system; please do not reply. / Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này."
            : "Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này. / Automated message from the incident response system; please do not reply.").Append('\n');
        return text.ToString();
    }
}
