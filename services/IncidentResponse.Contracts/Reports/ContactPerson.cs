namespace IncidentResponse.Contracts.Reports;

/// <summary>Whom responders call back (Mẫu 03: người liên hệ).</summary>
public sealed record ContactPerson(string? Name, string? Position, string? Phone, string? Email);
