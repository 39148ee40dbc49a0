namespace IncidentResponse.Contracts.Periodic;

/// <summary>
/// A periodic report the committee owes (Mẫu 05, half-year before 20/6 and annual before 15/12) is near its due time or
/// has passed it without being recorded submitted or waived: tell <see cref="NotifyUnit"/> (the standing office by default,
/// <c>periodicReports</c> of the legal regimes). Published by triage once per report, year and <see cref="Stage"/>
/// (<c>before-P14D</c>, <c>before-P3D</c>, …, <c>overdue</c>, then <c>overdue-2</c>, <c>overdue-3</c> … as the rule's
/// <c>overdue</c> steps say); notifications e-mails the unit's duty point, keyed by the same, so a repeated message sends
/// nothing more. <see cref="NextAlertAt"/>: when the next overdue alert will come if the report is still owed (null: this is
/// the last), to <see cref="NextAlertUnit"/>. <see cref="StandingUnit"/>: the unit the rule reminds first; an alert to another unit
/// asks it to see that this one acts. No incident: the outcome stays in the deliveries list, not on a timeline.
/// </summary>
public sealed record PeriodicReportReminder(
    string Kind,
    int Year,
    string Stage,
    string NameVi,
    string NameEn,
    string Basis,
    DateTimeOffset DueAt,
    string NotifyUnit,
    DateTimeOffset RaisedAt,
    DateTimeOffset? NextAlertAt = null,
    string? NextAlertUnit = null,
    string? StandingUnit = null)
{
    /// <summary>The stage raised when the due time has passed.</summary>
    public const string Overdue = "overdue";

    /// <summary>The stage raised <paramref name="lead"/> before the due time: <c>before-P14D</c>.</summary>
    public static string Before(TimeSpan lead) => "before-" + System.Xml.XmlConvert.ToString(lead);

    /// <summary>The stage of overdue alert number <paramref name="round"/> (1: <c>overdue</c>, 2: <c>overdue-2</c> …).</summary>
    public static string OverdueStage(int round) => round <= 1 ? Overdue : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Overdue}-{round}");

    /// <summary>Which overdue alert a stage is (1, 2 …), or 0 for a reminder before the due time.</summary>
    public static int OverdueRound(string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage == Overdue)
        {
            return 1;
        }

        return stage.StartsWith(Overdue + "-", StringComparison.Ordinal) && stage.Length > Overdue.Length + 1 && stage[Overdue.Length + 1] != '0'
            && int.TryParse(stage.AsSpan(Overdue.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round)
            && round >= 2 ? round : 0;
    }

    /// <summary>An overdue stage, also one this version cannot number (a later one's): never read as "due soon".</summary>
    public static bool IsOverdueStage(string stage) => OverdueRound(stage) > 0 || stage.StartsWith(Overdue + "-", StringComparison.Ordinal);
}
