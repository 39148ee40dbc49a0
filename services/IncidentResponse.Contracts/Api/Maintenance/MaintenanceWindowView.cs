namespace IncidentResponse.Contracts.Api.Maintenance;

/// <summary>
/// A maintenance window of one integration (<c>/api/v1/maintenance-windows</c>): while it is <c>active</c>, that source's
/// new alerts are held instead of opening incidents. <see cref="HeldAlerts"/>: its alerts still open and held now. A repeating
/// window has its <see cref="Recurrence"/> (an RRULE); [<see cref="StartsAt"/>, <see cref="EndsAt"/>) is its first occurrence
/// and <see cref="SeriesEndsAt"/> the end of its last (<see cref="EndsAt"/> for a window that happens once). Between two
/// occurrences its state is <c>planned</c>. <see cref="CurrentEndsAt"/>: when the occurrence in force now ends (null when none is).
/// </summary>
public sealed record MaintenanceWindowView(
    Guid Id, Guid IntegrationId, string IntegrationName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Reason, string State,
    string CreatedBy, DateTimeOffset CreatedAt, string? EndedBy, DateTimeOffset? EndedAt, int HeldAlerts,
    string? Recurrence = null, DateTimeOffset? SeriesEndsAt = null, DateTimeOffset? CurrentEndsAt = null)
{
    public const string Planned = "planned";
    public const string Active = "active";
    public const string Over = "over";

    /// <summary>At most this many windows are listed: those not over, and those over in the last 30 days, latest first.</summary>
    public const int MaxListed = 200;
}
