namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The milestones of an engagement (phân công): notified → acknowledged → accepted | declined; accepted → resolved.
/// Accepting, declining or resolving straight from notified implies receipt.
/// </summary>
public static class EngagementStates
{
    public const string Notified = "notified";
    public const string Acknowledged = "acknowledged";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Resolved = "resolved";

    public static IReadOnlyList<string> All { get; } = [Notified, Acknowledged, Accepted, Declined, Resolved];

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [Notified] = ("Đã thông báo, chưa xác nhận", "Notified, not acknowledged"),
        [Acknowledged] = ("Đã xác nhận nhận tin", "Acknowledged"),
        [Accepted] = ("Đã nhận xử lý", "Accepted"),
        [Declined] = ("Đã từ chối", "Declined"),
        [Resolved] = ("Đã xử lý xong", "Resolved"),
    };
}
