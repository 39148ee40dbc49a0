using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// A notification's kind, status, origin and attempt outcome, and an escalation chain's state, in words, Vietnamese or
/// English, instead of the API's codes; a code the console does not know is shown as it is.
/// </summary>
public static class DeliveryWords
{
    private static readonly Dictionary<string, (string Vi, string En)> Kinds = new(StringComparer.Ordinal)
    {
        ["Engaged"] = ("Phân công xử lý", "Engagement"),
        ["InitialReport"] = ("Báo cáo ban đầu (Mẫu 03)", "Initial report (form 03)"),
        ["Escalation"] = ("Chuyển cấp", "Escalation page"),
        ["DeadlineAlert"] = ("Nhắc hạn báo cáo", "Deadline alert"),
        ["Declined"] = ("Đơn vị từ chối", "Unit declined"),
        ["Update"] = ("Cập nhật", "Update"),
        ["Document"] = ("Văn bản", "Document"),
        ["Receipt"] = ("Xác nhận đã nhận báo cáo", "Report receipt"),
        ["PeriodicReminder"] = ("Nhắc báo cáo định kỳ", "Periodic report reminder"),
    };

    private static readonly Dictionary<string, (string Vi, string En)> Statuses = new(StringComparer.Ordinal)
    {
        [NotificationStatus.Pending] = ("Đang chờ gửi", "Pending"),
        [NotificationStatus.Delivered] = ("Đã gửi", "Delivered"),
        [NotificationStatus.Failed] = ("Không gửi được", "Failed"),
        [NotificationStatus.Cancelled] = ("Đã hủy (không cần gửi nữa)", "Cancelled (no longer needed)"),
        [NotificationStatus.Held] = ("Không gửi (diễn tập, không có đầu mối diễn tập)", "Held (drill, no exercise contact)"),
    };

    private static readonly Dictionary<string, (string Vi, string En)> Outcomes = new(StringComparer.Ordinal)
    {
        ["Delivered"] = ("Đã nhận", "Accepted"),
        ["TransientFailure"] = ("Lỗi tạm thời", "Temporary failure"),
        ["PermanentFailure"] = ("Lỗi, không thử lại", "Failed, not retried"),
    };

    private static readonly Dictionary<string, (string Vi, string En)> ChainStateNames = new(StringComparer.Ordinal)
    {
        [ChainStates.Active] = ("đang chuyển cấp", "active"),
        [ChainStates.Acknowledged] = ("đã xác nhận, dừng chuyển cấp", "acknowledged, stopped"),
        [ChainStates.Ended] = ("đã kết thúc", "ended"),
        [ChainStates.Exhausted] = ("đã hết các bước, chưa ai xác nhận", "exhausted, nobody acknowledged"),
    };

    public static string Kind(string kind, bool english) => Word(Kinds, kind, english);

    public static string Status(string status, bool english) => Word(Statuses, status, english);

    public static string Outcome(string outcome, bool english) => Word(Outcomes, outcome, english);

    public static string ChainState(string state, bool english) => Word(ChainStateNames, state, english);

    public static string Origin(string origin, bool english)
    {
        var (vi, en) = NotificationOrigins.Describe(origin);
        return english ? en : vi;
    }

    private static string Word(Dictionary<string, (string Vi, string En)> words, string code, bool english) =>
        words.TryGetValue(code, out var word) ? (english ? word.En : word.Vi) : code;
}
