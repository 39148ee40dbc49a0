using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Data;

/// <summary>The escalation service's own tables: schema <c>escalation</c> on PostgreSQL, <c>escalation.db</c> on SQLite.</summary>
public abstract class EscalationDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "escalation";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EscalationDbContext).Assembly);
    }
}
