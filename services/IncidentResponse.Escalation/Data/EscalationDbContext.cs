using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Incidents;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Data;

/// <summary>The escalation service's own tables: schema <c>escalation</c> on PostgreSQL, <c>escalation.db</c> on SQLite.</summary>
public abstract class EscalationDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "escalation";

    public DbSet<EscalationChain> Chains => Set<EscalationChain>();

    public DbSet<FiredStep> FiredSteps => Set<FiredStep>();

    public DbSet<DeadlineClock> DeadlineClocks => Set<DeadlineClock>();

    public DbSet<IncidentCopy> Incidents => Set<IncidentCopy>();

    public DbSet<EarlyMilestone> EarlyMilestones => Set<EarlyMilestone>();

    public DbSet<RuleFileRecord> RuleVersions => Set<RuleFileRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EscalationDbContext).Assembly);
    }
}
