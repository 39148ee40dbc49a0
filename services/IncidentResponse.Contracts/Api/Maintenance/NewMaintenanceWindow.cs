namespace IncidentResponse.Contracts.Api.Maintenance;

/// <summary>
/// <c>POST /api/v1/maintenance-windows</c>: hold the alerts of <see cref="IntegrationId"/> from <see cref="StartsAt"/> (now when
/// absent) until <see cref="EndsAt"/>, for the stated <see cref="Reason"/>. Both times are ISO 8601 with their offset
/// (<c>2026-12-06T22:00+07:00</c>): one without would be read in the server's zone. <see cref="Recurrence"/>: an RFC 5545 RRULE
/// (<c>FREQ=WEEKLY;BYDAY=SU;COUNT=8</c>) repeating the window, with COUNT or UNTIL, at most daily, ending within a year.
/// </summary>
public sealed record NewMaintenanceWindow(Guid? IntegrationId, string? StartsAt, string? EndsAt, string? Reason, string? Recurrence = null);
