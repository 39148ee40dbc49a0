namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// The kinds of partner unit the committee works with: since the two-level local government (1/7/2025) the owners
/// of affected systems are provincial agencies (<c>government-agency</c>) and communes and wards (<c>commune</c>);
/// the national level is the national coordinator, the national standing body and the national Steering Committee.
/// </summary>
public static class UnitKinds
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "telecom", "police", "government-agency", "csirt", "post", "steering-committee", "national-coordinator",
        "national-standing-body", "commune",
    };
}
