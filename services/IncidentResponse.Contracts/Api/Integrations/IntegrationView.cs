namespace IncidentResponse.Contracts.Api.Integrations;

/// <summary>
/// An integration (a monitoring source) and the defaults its events get (<c>GET /api/v1/integrations</c>), the facts of the
/// systems it watches among them (<see cref="SecurityLevel"/>, <see cref="Isp"/>, <see cref="OwnerCanHandle"/>).
/// </summary>
public sealed record IntegrationView(
    Guid Id, string Name, string Kind, string Prefix, string Classification, string? OwnerAgency, string Tlp, string OnResolve,
    IReadOnlyDictionary<string, SeverityImpact> SeverityMap, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt,
    int? SecurityLevel = null, string? Isp = null, bool? OwnerCanHandle = null, string? SystemCode = null);
