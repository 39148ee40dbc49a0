using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Committee;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Shared wording for channels: severity names, due times in the recipient's time zone, headings.</summary>
internal static class NoticeFormat
{
    public static string Severity(int level, bool english)
    {
        var named = SeverityLevels.Of(level);
        return english ? $"Severity {named.NameEn}" : $"Mức {named.NameVi}";
    }

    public static string SeverityName(int level, bool english)
    {
        var named = SeverityLevels.Of(level);
        return english ? named.NameEn : named.NameVi;
    }

    /// <summary>The mark of every notice of a drill (diễn tập): at the start of the subject, the SMS and the body.</summary>
    public const string DrillMark = "[DIỄN TẬP / EXERCISE]";

    /// <summary>The label of the committee's hotline, which e-mail and chat notices, receipts and letters carry when one is configured.</summary>
    public const string HotlineVi = "Đường dây nóng 24/7 của Ban Chỉ đạo";

    /// <summary>The label in English.</summary>
    public const string HotlineEn = "The committee's 24/7 hotline";

    /// <summary>The first line of a drill's body, in both languages.</summary>
    public const string DrillLine = DrillMark + " Đây là thông báo diễn tập, không phải sự cố thật. / This is an exercise notice, not a real incident.";

    public static string Serious(bool english) => english ? "SERIOUS INCIDENT" : "SỰ CỐ NGHIÊM TRỌNG";

    /// <summary>An undetermined incident in a short text (an SMS head, a spoken notice), in the words of <see cref="Serious"/>.</summary>
    public static string MaybeSerious(bool english) => english ? "POSSIBLY A SERIOUS INCIDENT" : "CÓ THỂ LÀ SỰ CỐ NGHIÊM TRỌNG";

    /// <summary>The legal status of an incident that is not serious: undetermined (one fact would decide) or ordinary.</summary>
    public static string NotSerious(bool undetermined, bool english) => (undetermined, english) switch
    {
        (true, false) => "Chưa xác định (có thể là sự cố nghiêm trọng)",
        (true, true) => "Undetermined (may be a serious incident)",
        (false, false) => "Sự cố thông thường",
        (false, true) => "Ordinary incident",
    };

    public static string Restricted(bool english) => english ? "(details restricted under TLP)" : "(nội dung hạn chế theo TLP)";

    public static string Heading(NoticeKind kind, bool english) => (kind, english) switch
    {
        (NoticeKind.InitialReport, false) => "BÁO CÁO BAN ĐẦU SỰ CỐ NGHIÊM TRỌNG",
        (NoticeKind.InitialReport, true) => "INITIAL REPORT OF A SERIOUS INCIDENT",
        (NoticeKind.Escalation, false) => "NHẮC VIỆC — NHẮC LẠI / CHUYỂN CẤP: CHƯA CÓ XÁC NHẬN ĐÃ NHẬN THÔNG BÁO",
        (NoticeKind.Escalation, true) => "REMINDER / ESCALATION: INCIDENT NOT YET ACKNOWLEDGED",
        (NoticeKind.DeadlineAlert, false) => "CẢNH BÁO THỜI HẠN BÁO CÁO THEO QUY ĐỊNH",
        (NoticeKind.DeadlineAlert, true) => "LEGAL REPORTING DEADLINE ALERT",
        (NoticeKind.Declined, false) => "ĐƠN VỊ TỪ CHỐI XỬ LÝ SỰ CỐ — CHUYỂN VĂN PHÒNG THƯỜNG TRỰC",
        (NoticeKind.Declined, true) => "A UNIT DECLINED THE INCIDENT — HANDED TO THE STANDING OFFICE",
        (NoticeKind.Update, false) => "CẬP NHẬT SỰ CỐ — THÔNG TIN MỚI VỀ SỰ CỐ ĐƠN VỊ ĐANG XỬ LÝ",
        (NoticeKind.Update, true) => "INCIDENT UPDATE — NEW FACTS ABOUT AN INCIDENT YOUR UNIT IS ENGAGED ON",
        (NoticeKind.Receipt, false) => "XÁC NHẬN ĐÃ NHẬN BÁO CÁO SỰ CỐ",
        (NoticeKind.Receipt, true) => "RECEIPT FOR AN INCIDENT REPORT",
        (NoticeKind.PeriodicReminder, false) => "NHẮC HẠN BÁO CÁO ĐỊNH KỲ",
        (NoticeKind.PeriodicReminder, true) => "PERIODIC REPORT REMINDER",
        (_, false) => "THÔNG BÁO SỰ CỐ AN TOÀN THÔNG TIN MẠNG",
        (_, true) => "CYBERSECURITY INCIDENT NOTIFICATION",
    };

    /// <summary>The mark at the start of an update notice's subject and SMS.</summary>
    public const string UpdateMark = "[CẬP NHẬT / UPDATE]";

    /// <summary>The incident's class and type as partners read it, never the raw RSIT code.</summary>
    public static string Classification(string classification, bool english) => RsitNames.Of(classification, english);

    /// <summary>The lifecycle status's name in the language; the value itself when unknown.</summary>
    public static string Status(string status, bool english) =>
        IncidentStatuses.Names.TryGetValue(status, out var name) ? (english ? name.En : name.Vi) : status;

    /// <summary>The recipient's time zone (an IANA id); Vietnam when unknown, UTC as a last resort.</summary>
    public static TimeZoneInfo ZoneOf(Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return LocalTimes.Zone(recipient.TimeZone);
    }

    /// <summary><c>dd/MM/yyyy HH:mm (UTC+07:00)</c> in the given zone.</summary>
    public static string Due(DateTimeOffset at, TimeZoneInfo zone) => LocalTimes.Format(at, zone);

    /// <summary>One line of text: no line breaks in subjects and SMS.</summary>
    public static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();
}
