namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The states of an incident's legal duty: <c>due</c> until a person records it <c>submitted</c> or
/// <c>waived</c>; a due duty past its due time reads <c>overdue</c> (derived, never stored).
/// </summary>
public static class DutyStates
{
    public const string Due = "due";
    public const string Submitted = "submitted";
    public const string Waived = "waived";
    public const string Overdue = "overdue";

    public static IReadOnlyList<string> All { get; } = [Due, Submitted, Waived, Overdue];

    /// <summary>Whether a duty in this state still has to be done (and its clock keeps alerting).</summary>
    public static bool IsOpen(string? state) => state is null or Due or Overdue;

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string Vi, string En)>
    {
        [Due] = ("Đang chờ thực hiện", "Due"),
        [Submitted] = ("Đã gửi", "Submitted"),
        [Waived] = ("Được miễn", "Waived"),
        [Overdue] = ("Quá hạn", "Overdue"),
    };
}
