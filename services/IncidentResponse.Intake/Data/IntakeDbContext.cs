using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Heartbeats;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Data;

/// <summary>The intake service's own tables: schema <c>intake</c> on PostgreSQL, <c>intake.db</c> on SQLite.</summary>
public abstract class IntakeDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "intake";

    public DbSet<StoredReport> Reports => Set<StoredReport>();

    public DbSet<ReportAttachment> Attachments => Set<ReportAttachment>();

    public DbSet<ExternalAlert> Alerts => Set<ExternalAlert>();

    public DbSet<Heartbeat> Heartbeats => Set<Heartbeat>();

    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    /// <summary>The province's register of information systems.</summary>
    public DbSet<Systems.InformationSystem> InformationSystems => Set<Systems.InformationSystem>();

    /// <summary>The hotline's call log.</summary>
    public DbSet<Hotline.HotlineCall> HotlineCalls => Set<Hotline.HotlineCall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IntakeDbContext).Assembly);
    }
}
