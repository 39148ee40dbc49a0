namespace IncidentResponse.Contracts.Api.Directory;

/// <summary>A person of the partner directory (<c>GET /api/v1/people</c>, <c>/api/v1/units/{code}/people</c>).</summary>
public sealed record PersonView(string Id, string Name, string Unit, string? Email, string? Phone, string Language, string TimeZone, string Source, bool Active);
