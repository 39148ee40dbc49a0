using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Notifications.Channels;

/// <summary>What a notice says in one language, as labelled lines that the text and HTML bodies both render.</summary>
internal static class NoticeContent
{
    /// <summary>The unit's name in the language; a person's name before it (a unit's duty point is the unit itself).</summary>
    private static string Addressee(Notice notice, Recipient recipient, bool english)
    {
        var unit = english ? notice.UnitNameEn : notice.UnitNameVi;
        return recipient.Name == notice.UnitNameVi || recipient.Name == notice.UnitNameEn ? unit : $"{recipient.Name} — {unit}";
    }

    public static IReadOnlyList<NoticeLine> Lines(Notice notice, Recipient recipient, bool english)
    {
        string L(string vi, string en) => english ? en : vi;
        var lines = new List<NoticeLine>
        {
            new(L("Kính gửi", "To"), Addressee(notice, recipient, english)),
            new(L("Số hiệu sự cố", "Incident number"), notice.IncidentNumber),
        };
        if (notice.Change is { IsEmpty: false } change)
        {
            lines.Add(new(L("Cập nhật", "Update"), string.Join("; ", change.Sentences(english))));
        }

        if (notice.Title is { } title)
        {
            lines.Add(new(L("Tiêu đề", "Title"), title));
        }

        lines.Add(new(L("Loại sự cố", "Incident type"), NoticeFormat.Classification(notice.Classification, english)));
        lines.Add(new(L("Mức độ", "Severity"), $"{NoticeFormat.SeverityName(notice.SeverityLevel, english)} ({L("mức", "level")} {notice.SeverityLevel}/5)"));
        if (notice.Serious)
        {
            lines.Add(new(string.Empty, NoticeFormat.Serious(english)));
        }
        else if (notice.SeriousUndetermined is { } undetermined && notice.Receipt is null && notice.Periodic is null && notice.Document is null)
        {
            // Every incident notice says where it stands under Decision 05/2017, not only a serious one (domain audit row 45);
            // nothing when the state it was made from did not say (a copy kept before the flag was carried).
            lines.Add(new(L("Đánh giá theo QĐ 05/2017", "Assessment under Decision 05/2017"), NoticeFormat.NotSerious(undetermined, english)));
        }

        if (notice.Status is { } status)
        {
            lines.Add(new(L("Trạng thái xử lý", "Status"), NoticeFormat.Status(status, english)));
        }

        if (notice.AffectedSystem is { } system)
        {
            lines.Add(new(L("Hệ thống bị ảnh hưởng", "Affected system"), system));
        }

        if (notice.OwnerAgency is { } owner)
        {
            lines.Add(new(L("Đơn vị chủ quản", "System owner"), owner));
        }

        if (notice.ReportedVia is { } via)
        {
            lines.Add(new(L("Tiếp nhận qua", "Reported via"), ReportChannels.Name(via, english)));
        }

        if (notice.PersonalData)
        {
            lines.Add(new(L("Dữ liệu cá nhân", "Personal data"), L("Có liên quan đến dữ liệu cá nhân", "Personal data is involved")));
        }

        lines.Add(new(L("Lý do thông báo", "Why you are notified"), english ? notice.ReasonEn : notice.ReasonVi));
        if (notice.Assignment is { } assignment)
        {
            lines.Add(new(L("Nội dung phân công", "Why your unit is engaged"), assignment.Length > 0 ? assignment
                : L("Được giữ lại theo quy định TLP; vui lòng xem tại liên kết sự cố.", "Withheld under TLP; please open the incident link.")));
        }

        if (notice.Withheld)
        {
            lines.Add(new(string.Empty, L(
                "Chi tiết sự cố được giữ lại theo quy định TLP; vui lòng xem tại liên kết sự cố.",
                "Incident details are withheld under TLP; please open the incident link.")));
        }

        var zone = NoticeFormat.ZoneOf(recipient);
        foreach (var deadline in notice.Deadlines.OrderBy(d => d.DueAt))
        {
            lines.Add(new(L("Thời hạn", "Deadline"), $"{(english ? deadline.NameEn : deadline.NameVi)}: {NoticeFormat.Due(deadline.DueAt, zone)}"));
        }

        lines.Add(new(L("Xem sự cố", "Incident"), string.Empty, notice.IncidentLink));
        if (notice.PlaybookLink is { } playbook)
        {
            lines.Add(new(L("Hướng dẫn ứng phó", "Response playbook"), string.Empty, playbook));
        }

        lines.Add(new(L("Xác nhận đã nhận", "Acknowledge receipt"), string.Empty, notice.AcknowledgeLink, $"  {L("Mã", "Code")}: {notice.AcknowledgeCode}"));
        if (notice.Hotline is { } hotline)
        {
            lines.Add(new(L(NoticeFormat.HotlineVi, NoticeFormat.HotlineEn), hotline));
        }

        return lines;
    }
}
