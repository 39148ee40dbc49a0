namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// Severity moved: raised by a correlated report that scored higher, or set by a person with a
/// reason. It never drops on its own.
/// </summary>
public sealed record IncidentSeverityChanged(Guid IncidentId, string Number, int PreviousLevel, int Level, bool Serious, string ChangedBy, string Reason, DateTimeOffset ChangedAt);
