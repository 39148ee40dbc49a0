using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Data;

/// <summary>The triage service's own tables: schema <c>triage</c> on PostgreSQL, <c>triage.db</c> on SQLite.</summary>
public abstract class TriageDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "triage";

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentDeadline> Deadlines => Set<IncidentDeadline>();

    public DbSet<IncidentReportLink> IncidentReports => Set<IncidentReportLink>();

    public DbSet<CorrelationKey> CorrelationKeys => Set<CorrelationKey>();

    public DbSet<IncidentCounter> Counters => Set<IncidentCounter>();

    public DbSet<IncidentNumberClaim> NumberClaims => Set<IncidentNumberClaim>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<Register.IncidentSearch> Search => Set<Register.IncidentSearch>();

    public DbSet<Register.IncidentUnit> IncidentUnits => Set<Register.IncidentUnit>();

    public DbSet<IncidentStateReceipt> StateReceipts => Set<IncidentStateReceipt>();

    public DbSet<RuleFileRecord> PolicyRecords => Set<RuleFileRecord>();

    public DbSet<Documents.IssuedDocument> IssuedDocuments => Set<Documents.IssuedDocument>();

    public DbSet<Documents.DocumentSending> DocumentSendings => Set<Documents.DocumentSending>();

    public DbSet<Evidence.EvidenceItem> EvidenceItems => Set<Evidence.EvidenceItem>();

    public DbSet<Tasks.IncidentTask> IncidentTasks => Set<Tasks.IncidentTask>();

    /// <summary>What became of the committee's periodic reports (Mẫu 05), one row per report and year.</summary>
    public DbSet<Periodic.PeriodicReportRecord> PeriodicReports => Set<Periodic.PeriodicReportRecord>();

    /// <summary>The issued versions of the periodic reports' forms, files and hashes, never changed.</summary>
    public DbSet<Periodic.PeriodicDocument> PeriodicDocuments => Set<Periodic.PeriodicDocument>();

    public DbSet<Periodic.PeriodicReminderRecord> PeriodicReminders => Set<Periodic.PeriodicReminderRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TriageDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            Register.IncidentSearchConfiguration.ConfigurePostgres(modelBuilder.Entity<Register.IncidentSearch>());
        }
    }
}
