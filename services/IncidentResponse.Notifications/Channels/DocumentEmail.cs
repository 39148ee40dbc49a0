using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The e-mail that sends an issued official document: a short covering letter in both languages (the recipient's
/// first) naming the form, version, issuer, the duty it is sent for and the SHA-256 of each file, with the PDF and the
/// DOCX attached exactly as issued. A periodic report's form (no incident) is named by its report, its hashes by its stored version. The subject follows the notices' conventions ("[TBSC]" for the initial report Mẫu 03).
/// </summary>
internal static class DocumentEmail
{
    public const string DocumentIdHeader = "X-IR-Document-Id";

    public static string Subject(Notice notice)
    {
        var document = notice.Document ?? throw new ArgumentException("not a document notice", nameof(notice));
        var prefix = (notice.Drill ? NoticeFormat.DrillMark + " " : "") + (document.Form == "mau-03" ? "[TBSC] " : "");
        // A periodic report's form is named by its report and period ("… năm (Mẫu 05) 2026"), not by a number no one reads.
        return notice.IncidentId == Deliveries.Notification.NoIncident
            ? $"[TLP:{TlpText.Label(notice.Tlp)}] {document.DutyNameVi ?? document.FormNameVi} — phiên bản {document.Version}"
            : $"{prefix}[TLP:{TlpText.Label(notice.Tlp)}] {notice.IncidentNumber} {document.FormNameVi} — phiên bản {document.Version}";
    }

    public static MimeMessage Build(Notice notice, Recipient recipient, MailboxAddress to, MailboxAddress from, DateTimeOffset date)
    {
        var document = notice.Document ?? throw new ArgumentException("not a document notice", nameof(notice));
        var files = notice.Attachments ?? throw new InvalidOperationException($"the files of document {document.DocumentId} were not loaded");
        var message = LetterEmail.Message(notice, to, from, date, Subject(notice), "auto-generated");
        message.Headers.Add(DocumentIdHeader, document.DocumentId.ToString("D"));
        if (notice.IncidentId == Deliveries.Notification.NoIncident)
        {
            // About no incident, as a periodic report's reminder: its own header, not the incident's.
            message.Headers.Remove(EmailMessage.IncidentHeader);
            message.Headers.Add(PeriodicReminderEmail.PeriodicHeader, notice.IncidentNumber);
        }
        var mixed = new Multipart("mixed") { LetterEmail.Body(Text(notice, document, recipient), Subject(notice), recipient) };
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
        var zone = NoticeFormat.ZoneOf(recipient);
        var periodic = notice.IncidentId == Deliveries.Notification.NoIncident; // a periodic report's form (Mẫu 05)
        return LetterEmail.Text(notice, recipient, (text, inEnglish, L) =>
        {
            var unit = inEnglish ? notice.UnitNameEn : notice.UnitNameVi;
            text.Append(L("Kính gửi: ", "To: ")).Append(unit).Append('\n').Append('\n');
            var issued = NoticeFormat.Due(document.IssuedAt, zone);
            text.Append(periodic
                ? L($"Xin gửi kèm văn bản {document.FormNameVi}, phiên bản {document.Version}, ban hành lúc {issued} bởi {document.IssuedBy}.",
                    $"Please find attached the {document.FormNameEn}, version {document.Version}, issued at {issued} by {document.IssuedBy}.")
                : L($"Xin gửi kèm văn bản {document.FormNameVi} của sự cố {notice.IncidentNumber}, phiên bản {document.Version}, ban hành lúc {issued} bởi {document.IssuedBy}.",
                    $"Please find attached the {document.FormNameEn} of incident {notice.IncidentNumber}, version {document.Version}, issued at {issued} by {document.IssuedBy}."))
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

            text.Append(periodic
                ? L("Mã băm SHA-256 là mã được lưu cùng phiên bản đã ban hành, dùng để đối chiếu tệp nhận được còn nguyên vẹn.",
                    "The SHA-256 hashes are the ones stored with the issued version, to check that the files arrived intact.")
                : L("Mã băm SHA-256 là mã được ghi trên dòng thời gian của sự cố, dùng để đối chiếu tệp nhận được còn nguyên vẹn.",
                    "The SHA-256 hashes are the ones recorded on the incident's timeline, to check that the files arrived intact.")).Append('\n');
        });
    }
}
