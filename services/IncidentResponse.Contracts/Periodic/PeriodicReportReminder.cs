namespace IncidentResponse.Contracts.Periodic;

/// <summary>
/// A periodic report the committee owes (Mẫu 05, half-year before 20/6 and annual before 15/12) is near its due time or
/// has passed it without being recorded submitted or waived: tell <see cref="NotifyUnit"/> (the standing office by default,
/// <c>periodicReports</c> of the legal regimes). Published by triage once per report, year and <see cref="Stage"/>
/// (<c>before-P14D</c>, <c>before-P3D</c>, …, <c>overdue</c>); notifications e-mails the unit's duty point, keyed by the same,
/// so a repeated message sends nothing more. No incident: the outcome stays in the deliveries list, not on a timeline.
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
    DateTimeOffset RaisedAt)
{
    /// <summary>The stage raised when the due time has passed.</summary>
    public const string Overdue = "overdue";

    /// <summary>The stage raised <paramref name="lead"/> before the due time: <c>before-P14D</c>.</summary>
    public static string Before(TimeSpan lead) => "before-" + System.Xml.XmlConvert.ToString(lead);

    public static bool IsOverdueStage(string stage) => stage == Overdue;
}
