namespace IncidentResponse.Contracts.Api.Maintenance;

/// <summary>
/// <c>POST /api/v1/maintenance-windows</c>: hold the alerts of <see cref="IntegrationId"/> from <see cref="StartsAt"/> (now when
/// absent) until <see cref="EndsAt"/>, for the stated <see cref="Reason"/>.
/// </summary>
public sealed record NewMaintenanceWindow(Guid? IntegrationId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);
