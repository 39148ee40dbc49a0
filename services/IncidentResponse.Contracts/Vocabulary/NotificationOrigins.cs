using System.Globalization;

namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// Why a notification was made (its <c>origin</c> in the API). Notifications writes it; Escalation reads a failed page's to
/// tell whether it was the current step's, so both take it from here.
/// </summary>
public static class NotificationOrigins
{
    /// <summary>The first notice to a unit engaged on an incident (by routing or by hand).</summary>
    public const string Engagement = "engagement";

    /// <summary>A legal reporting deadline is near or has passed.</summary>
    public const string Deadline = "deadline";

    /// <summary>An engaged unit declined; the committee's standing office is told.</summary>
    public const string Decline = "decline";

    /// <summary>An update notice to a unit already engaged (the incident became serious, its severity or TLP rose).</summary>
    public const string Update = "update";

    /// <summary>An issued official document sent by e-mail (<c>SendIssuedDocument</c>): never cancelled by closing the incident.</summary>
    public const string Document = "document";

    /// <summary>A receipt for a report, to its sender's address (<c>SendReportReceipt</c>): never cancelled by closing the incident.</summary>
    public const string Receipt = "receipt";

    /// <summary>A periodic report's reminder (<c>PeriodicReportReminder</c>): about no incident.</summary>
    public const string Periodic = "periodic";

    private const string StepPrefix = "step:";

    /// <summary>A page of an escalation step: <c>step:{round}:{step}</c>.</summary>
    public static string Step(int round, int step) => string.Create(CultureInfo.InvariantCulture, $"{StepPrefix}{round}:{step}");

    /// <summary>
    /// A page asking the unit to answer (its first notice or an escalation step's), which its answer makes moot; an update,
    /// a deadline's alert, a document or a receipt is news the unit still has not had.
    /// </summary>
    public static bool IsPage(string? origin) => origin == Engagement || origin?.StartsWith(StepPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Whether the unit's answer (its engagement now in <paramref name="engagementState"/>) makes a notice of
    /// <paramref name="origin"/> moot, so that it need not be sent again: a page once the engagement is past
    /// <c>notified</c> (until escalation starts again after the acknowledgement timeout, which sets it back); an update once
    /// the unit declined or resolved (none is sent to it then). Anything else is news it has not had.
    /// </summary>
    public static bool IsMoot(string? origin, string engagementState) => IsPage(origin)
        ? engagementState != EngagementStates.Notified
        : origin == Update && engagementState is EngagementStates.Declined or EngagementStates.Resolved;

    /// <summary>
    /// Whether the incident's close stops a notice of <paramref name="origin"/> that has not gone out: a page, an update or a
    /// decline's hand-over asks for work on the incident; a deadline's alert (the legal clocks run on after a close), a
    /// document or a receipt does not.
    /// </summary>
    public static bool StopsAtClose(string? origin) => IsPage(origin) || origin is Update or Decline;

    /// <summary>The <c>LIKE</c> pattern of every escalation page's origin, for queries.</summary>
    public const string StepPattern = StepPrefix + "%";

    /// <summary>The round and step of an escalation page's origin; false for any other origin.</summary>
    public static bool TryParseStep(string? origin, out int round, out int step)
    {
        round = step = 0;
        if (origin is null || !origin.StartsWith(StepPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = origin[StepPrefix.Length..].Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out round)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }

    /// <summary>The origin in words, Vietnamese and English; an unknown origin as it is.</summary>
    public static (string Vi, string En) Describe(string? origin) => origin switch
    {
        Engagement => ("Thông báo đầu tiên khi phân công", "First notice on engagement"),
        Deadline => ("Nhắc hạn báo cáo theo quy định", "Legal deadline alert"),
        Decline => ("Đơn vị từ chối xử lý", "A unit declined"),
        Update => ("Cập nhật sự cố", "Incident update"),
        Document => ("Gửi văn bản", "Document sent"),
        Receipt => ("Xác nhận đã nhận báo cáo", "Report receipt"),
        Periodic => ("Nhắc báo cáo định kỳ", "Periodic report reminder"),
        _ when TryParseStep(origin, out var round, out var step) =>
            ($"Chuyển cấp: vòng {round}, bước {step}", $"Escalation: round {round}, step {step}"),
        _ => (origin ?? "—", origin ?? "—"),
    };
}
