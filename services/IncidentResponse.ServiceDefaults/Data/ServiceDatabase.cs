namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>A service's database context registered with the Host (migrated at start-up, checked for readiness).</summary>
public sealed record ServiceDatabase(Type ContextType, string Schema);
