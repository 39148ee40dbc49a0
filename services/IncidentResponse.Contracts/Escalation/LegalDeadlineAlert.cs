namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A legal reporting deadline of an open incident is near (<c>reminder</c>) or has passed
/// (<c>overdue</c>; while the duty stays open, further overdue alerts follow as <c>overdue-2</c>, <c>overdue-3</c> …,
/// each to the unit the escalation policies name): that unit is told, and it goes on the timeline.
/// <c>NotifyUnitNameVi</c>/<c>NotifyUnitNameEn</c>: that unit's names, for the timeline's sentence: from the unit's latest chain on
/// the incident, else from the partner directory when the Host has it; null when neither names it (the timeline then names the
/// unit by its code).
/// </summary>
public sealed record LegalDeadlineAlert(
    Guid IncidentId,
    string IncidentNumber,
    string DeadlineId,
    string Stage,
    DateTimeOffset DueAt,
    string NameVi,
    string NameEn,
    string Basis,
    string NotifyUnit,
    DateTimeOffset RaisedAt,
    string? NotifyUnitNameVi = null,
    string? NotifyUnitNameEn = null)
{
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";

    /// <summary>The stage of overdue alert number <paramref name="round"/> (1: <c>overdue</c>, 2: <c>overdue-2</c> …).</summary>
    public static string OverdueStage(int round) => round <= 1 ? Overdue : $"{Overdue}-{round}";

    /// <summary>Which overdue alert a stage is (1, 2 …), or 0 for a reminder.</summary>
    public static int OverdueRound(string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage == Overdue)
        {
            return 1;
        }

        return stage.StartsWith(Overdue + "-", StringComparison.Ordinal)
            && int.TryParse(stage.AsSpan(Overdue.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round)
            && round >= 2 ? round : 0;
    }

    /// <summary>Whether a stage says the deadline has passed (any overdue round).</summary>
    public static bool IsOverdueStage(string stage) => OverdueRound(stage) > 0;
}
