using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Data;

/// <summary>The triage service's own tables: schema <c>triage</c> on PostgreSQL, <c>triage.db</c> on SQLite.</summary>
public abstract class TriageDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "triage";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TriageDbContext).Assembly);
    }
}
