namespace IncidentResponse.Triage.Incidents;

/// <summary>NIST phases as case tools use them, and how an incident may move between them.</summary>
public static class Lifecycle
{
    public const string New = "new";
    public const string Closed = "closed";

    /// <summary>The resolution of an incident closed because the monitoring source that raised it reported recovery.</summary>
    public const string ResolvedAtSource = "resolved-at-source";

    public static IReadOnlyList<string> Statuses { get; } = [New, "triage", "containment", "eradication", "recovery", "post-incident", Closed];

    public static IReadOnlyList<string> Resolutions { get; } =
        ["true-positive-with-impact", "true-positive-without-impact", "false-positive", "duplicate", "not-applicable"];

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string, string)>
    {
        [New] = ("Mới", "New"),
        ["triage"] = ("Phân loại", "Triage"),
        ["containment"] = ("Ngăn chặn", "Containment"),
        ["eradication"] = ("Loại bỏ", "Eradication"),
        ["recovery"] = ("Khôi phục", "Recovery"),
        ["post-incident"] = ("Sau sự cố", "Post-incident"),
        [Closed] = ("Đã đóng", "Closed"),
    };

    /// <summary>Forward moves are free; going back (or reopening) needs a reason; closing needs a resolution.</summary>
    public static string? Check(string from, string to, string? resolution, string? reason)
    {
        var fromIndex = IndexOf(from);
        var toIndex = IndexOf(to);
        if (toIndex < 0)
        {
            return $"status: one of {string.Join(", ", Statuses)}";
        }

        if (toIndex == fromIndex)
        {
            return $"status: the incident is already {to}";
        }

        if (to == Closed && (resolution is null || !Resolutions.Contains(resolution)))
        {
            return $"resolution: closing needs one of {string.Join(", ", Resolutions)}";
        }

        if (toIndex < fromIndex && string.IsNullOrWhiteSpace(reason))
        {
            return "reason: going back to an earlier phase or reopening needs a reason";
        }

        return null;
    }

    private static int IndexOf(string status) => Statuses.ToList().IndexOf(status);
}
