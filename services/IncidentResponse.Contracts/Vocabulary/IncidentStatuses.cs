namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The statuses of an incident, NIST phases as case tools use them, in lifecycle order, with their names.
/// Stored as they are (Triage's incidents, the incident copies of Notifications and Escalation) and written
/// by the API as <c>status.value</c>.
/// </summary>
public static class IncidentStatuses
{
    public const string New = "new";
    public const string Triage = "triage";
    public const string Containment = "containment";
    public const string Eradication = "eradication";
    public const string Recovery = "recovery";
    public const string PostIncident = "post-incident";
    public const string Closed = "closed";

    /// <summary>Not a status: the list filter <c>?status=open</c> for every status but <see cref="Closed"/>.</summary>
    public const string Open = "open";

    public static IReadOnlyList<string> All { get; } = [New, Triage, Containment, Eradication, Recovery, PostIncident, Closed];

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [New] = ("Mới", "New"),
        [Triage] = ("Phân loại", "Triage"),
        [Containment] = ("Ngăn chặn", "Containment"),
        [Eradication] = ("Loại bỏ", "Eradication"),
        [Recovery] = ("Khôi phục", "Recovery"),
        [PostIncident] = ("Sau sự cố", "Post-incident"),
        [Closed] = ("Đã đóng", "Closed"),
    };
}
