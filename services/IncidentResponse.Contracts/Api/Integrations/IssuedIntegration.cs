namespace IncidentResponse.Contracts.Api.Integrations;

/// <summary>A new integration with its key, shown once (<c>POST /api/v1/integrations</c>).</summary>
public sealed record IssuedIntegration(Guid Id, string Name, string Kind, string Key, IntegrationView Integration);
