using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>A serious DDoS on the provincial public-service portal, as the channels receive it.</summary>
internal static class Notices
{
    public const string Title = "DDoS vào Cổng dịch vụ công";
    public const string AffectedSystem = "Cổng dịch vụ công trực tuyến tỉnh";
    public const string AckCode = "K7P2-9QXR";

    public static readonly Uri IncidentLink = new("https://ir.example.invalid/incidents/SC-2026-00042");
    public static readonly Uri AckLink = new("https://ir.example.invalid/ack/6b1f0c2e");

    /// <summary>Due at 02:30 UTC: 09:30 in Hà Nội, 02:30 in London (November).</summary>
    public static readonly DateTimeOffset InitialReportDue = new(2026, 11, 26, 2, 30, 0, TimeSpan.Zero);

    public static readonly Recipient Vietnamese = new("Nguyễn Văn An", "vi", "Asia/Ho_Chi_Minh");
    public static readonly Recipient English = new("Jane Doe", "en", "Europe/London");

    public static Notice Sample(
        NoticeKind kind = NoticeKind.InitialReport,
        string tlp = "AMBER",
        string? title = Title,
        string? affectedSystem = AffectedSystem,
        bool withheld = false) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        "SC-2026-00042",
        kind,
        title,
        "availability:ddos",
        3,
        true,
        tlp,
        false,
        affectedSystem,
        "Sở Khoa học và Công nghệ",
        [new LegalDeadline("initial-report", InitialReportDue, "vn-2026-07", "Báo cáo ban đầu", "Initial report", "Điều 11", ["VNCERT/CC"])],
        "STTTT-BN",
        "Đội ứng cứu sự cố tỉnh",
        "Provincial incident response team",
        "Đơn vị được phân công xử lý sự cố nghiêm trọng",
        "Your unit was engaged on a serious incident",
        IncidentLink,
        AckLink,
        AckCode,
        new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero),
        withheld);
}
