namespace IncidentResponse.Contracts.Api.OnCall;

/// <summary>
/// A day of the holiday calendar (<c>GET /api/v1/oncall/holidays</c>): <c>holiday</c> (public holiday, Tết),
/// <c>day-off</c> (nghỉ bù) or <c>working</c> (a weekend day worked instead, làm bù). <see cref="Confirmed"/> is
/// false for a day expected but not yet announced; <see cref="Version"/> is the calendar file's.
/// </summary>
public sealed record HolidayView(DateOnly Date, string Kind, bool Working, string NameVi, string NameEn, bool Confirmed, string Version);
