namespace IncidentResponse.Contracts.Incidents;

/// <summary>The incident moved in its lifecycle (New → Triage → … → Closed, closing with a resolution).</summary>
public sealed record IncidentStatusChanged(Guid IncidentId, string Number, string PreviousStatus, string Status, string? Resolution, string ChangedBy, DateTimeOffset ChangedAt);
