namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Work that must be done once the databases are migrated and before the Host reports ready
/// (bootstrap credentials, loading versioned rule files). Must be idempotent: every Host start
/// runs it, and several Hosts may run it at once.
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
