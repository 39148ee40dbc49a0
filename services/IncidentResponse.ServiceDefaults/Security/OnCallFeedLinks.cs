namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// A person's own address of a unit's on-call calendar (<c>/oncall/feed/{token}/calendar.ics</c>):
/// calendar programs cannot send a bearer key, so the signed token names the unit and the console
/// account; the feed answers only while that account may read it (disable or lock it to stop the feed).
/// </summary>
public static class OnCallFeedLinks
{
    public const string Purpose = "oncall-feed";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static string Path(string token) => $"/oncall/feed/{token}/calendar.ics";

    /// <summary>The signed subject: unit code and account id; null when the unit code cannot be carried (a dot or a tilde in it).</summary>
    public static string? Subject(string unit, Guid userId) =>
        string.IsNullOrEmpty(unit) || unit.Contains('.', StringComparison.Ordinal) || unit.Contains('~', StringComparison.Ordinal)
            ? null
            : $"{unit}~{userId:N}";

    public static (string Unit, Guid UserId)? Parse(string? subject)
    {
        var parts = subject?.Split('~') ?? [];
        return parts.Length == 2 && Guid.TryParseExact(parts[1], "N", out var id) ? (parts[0], id) : null;
    }
}
