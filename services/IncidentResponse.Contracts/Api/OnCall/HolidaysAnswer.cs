namespace IncidentResponse.Contracts.Api.OnCall;

/// <summary>
/// The holiday calendar from <see cref="From"/> to <see cref="To"/> (both included): the listed days, and the years
/// in that span with no calendar file, whose only days off known are weekends.
/// </summary>
public sealed record HolidaysAnswer(DateOnly From, DateOnly To, IReadOnlyList<HolidayView> Days, IReadOnlyList<int> YearsWithoutCalendar);
