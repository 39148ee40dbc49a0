using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Triage.Incidents;

/// <summary>How an incident may move between its statuses (<see cref="IncidentStatuses"/>, NIST phases as case tools use them).</summary>
public static class Lifecycle
{
    public const string New = IncidentStatuses.New;
    public const string Closed = IncidentStatuses.Closed;

    /// <summary>The resolution of an incident closed because the monitoring source that raised it reported recovery.</summary>
    public const string ResolvedAtSource = IncidentResolutions.ResolvedAtSource;

    public static IReadOnlyList<string> Statuses => IncidentStatuses.All;

    public static IReadOnlyList<string> Resolutions => IncidentResolutions.All;

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names => IncidentStatuses.Names;

    /// <summary>Forward moves are free; going back (or reopening) needs a reason; closing needs a resolution.</summary>
    public static string? Check(string from, string to, string? resolution, string? reason)
    {
        var fromIndex = IndexOf(from);
        var toIndex = IndexOf(to);
        if (toIndex < 0)
        {
            return $"status: Một trong: {string.Join(", ", Statuses)} / one of: {string.Join(", ", Statuses)}";
        }

        if (toIndex == fromIndex)
        {
            return $"status: Sự cố đã ở trạng thái này / the incident is already {to}";
        }

        if (to == Closed && (resolution is null || !Resolutions.Contains(resolution)))
        {
            return $"resolution: Đóng sự cố cần một kết quả xử lý: {string.Join(", ", Resolutions)} / closing needs one of {string.Join(", ", Resolutions)}";
        }

        if (toIndex < fromIndex && string.IsNullOrWhiteSpace(reason))
        {
            return "reason: Quay lại bước trước hoặc mở lại cần lý do / going back to an earlier phase or reopening needs a reason";
        }

        return null;
    }

    private static int IndexOf(string status) => Statuses.ToList().IndexOf(status);
}
