using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Data;

/// <summary>The notifications service's own tables: schema <c>notifications</c> on PostgreSQL, <c>notifications.db</c> on SQLite.</summary>
public abstract class NotificationsDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "notifications";

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<RuleFileRecord> RuleVersions => Set<RuleFileRecord>();

    public DbSet<Engagement> Engagements => Set<Engagement>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<IncidentCopy> Incidents => Set<IncidentCopy>();

    public DbSet<IncidentDuty> IncidentDuties => Set<IncidentDuty>();

    public DbSet<Documents.IssuedDocumentCopy> IssuedDocumentCopies => Set<Documents.IssuedDocumentCopy>();

    /// <summary>Providers' OAuth tokens (Zalo's access and rotating refresh token), shared by every Host.</summary>
    public DbSet<Channels.ProviderToken> ProviderTokens => Set<Channels.ProviderToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
    }
}
