using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Access.People;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.Data;

/// <summary>
/// Credentials and their roles (API keys, people's logins, the audit log of their administration)
/// and the Data Protection key ring every Host shares: schema <c>access</c> on PostgreSQL,
/// <c>access.db</c> on SQLite.
/// </summary>
public abstract class AccessDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName), IDataProtectionKeyContext
{
    public const string SchemaName = "access";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<IntegrationSource> Integrations => Set<IntegrationSource>();

    public DbSet<ConsoleUser> Users => Set<ConsoleUser>();

    public DbSet<ConsoleRole> Roles => Set<ConsoleRole>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AccessDbContext).Assembly);
        IdentityModel.Configure(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("data_protection_keys");
            b.HasKey(k => k.Id);
        });
    }
}
