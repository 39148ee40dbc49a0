namespace IncidentResponse.Contracts.Api.Integrations;

/// <summary>An integration (a monitoring source) and the defaults its events get (<c>GET /api/v1/integrations</c>).</summary>
public sealed record IntegrationView(
    Guid Id, string Name, string Kind, string Prefix, string Classification, string? OwnerAgency, string Tlp, string OnResolve,
    IReadOnlyDictionary<string, SeverityImpact> SeverityMap, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);
