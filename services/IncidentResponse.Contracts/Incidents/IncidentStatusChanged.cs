namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// The incident moved in its lifecycle (New → Triage → … → Closed, closing with a resolution). For the
/// timeline and the board; services that act on the status follow <see cref="IncidentTriaged"/>, which
/// carries it with the state's version.
/// </summary>
public sealed record IncidentStatusChanged(
    Guid IncidentId, string Number, string PreviousStatus, string Status, string? Resolution, string ChangedBy, DateTimeOffset ChangedAt, int StateVersion = 0);
