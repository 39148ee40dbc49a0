namespace IncidentResponse.Notifications.Partners;

/// <summary>The kinds of partner unit the committee works with.</summary>
public static class UnitKinds
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "telecom", "police", "government-agency", "csirt", "post", "steering-committee", "national-coordinator",
    };
}
