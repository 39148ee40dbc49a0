namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// A legal reporting deadline of an open incident is near (<c>reminder</c>) or has passed
/// (<c>overdue</c>): the committee's standing office is told, and it goes on the timeline.
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
    DateTimeOffset RaisedAt)
{
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
}
