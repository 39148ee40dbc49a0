namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The periodic report a reminder is about (kind <see cref="NoticeKind.PeriodicReminder"/>, by e-mail only, no incident):
/// which report of which year, its due time and basis, the stage (<c>before-P14D</c>, …, <c>overdue</c>, <c>overdue-2</c> …) and
/// when the next overdue alert comes if the report is still owed (null: none more), and to which other unit (null: the same);
/// for an alert to another unit than the one the rule reminds first, that unit's names.
/// </summary>
public sealed record PeriodicRef(
    string Kind, int Year, string Stage, string NameVi, string NameEn, string Basis, DateTimeOffset DueAt, DateTimeOffset? NextAlertAt = null,
    string? NextUnitNameVi = null, string? NextUnitNameEn = null, string? StandingUnitNameVi = null, string? StandingUnitNameEn = null);
