namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The states of a notification (its delivery's <c>status</c> in the API).</summary>
public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>Not sent: the engagement was acknowledged (or went further) before a dispatcher claimed it.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// Not sent and never sent: a notice of a drill (diễn tập) for a unit or person with no exercise contact
    /// in the directory; the real address is never used for a drill.
    /// </summary>
    public const string Held = "held";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivered, Failed, Cancelled, Held];
}
