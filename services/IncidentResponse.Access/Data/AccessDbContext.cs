using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Integrations;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.Data;

/// <summary>Credentials and their roles: schema <c>access</c> on PostgreSQL, <c>access.db</c> on SQLite.</summary>
public abstract class AccessDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "access";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<IntegrationSource> Integrations => Set<IntegrationSource>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AccessDbContext).Assembly);
    }
}
