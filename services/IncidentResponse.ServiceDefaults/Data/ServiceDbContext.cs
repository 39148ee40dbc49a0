using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Base of every service's context: its own schema (PostgreSQL) or file (SQLite), the tables of the
/// transactional outbox and inbox, of deferred (redelivered or parked) messages, and storage conventions that behave the same on both providers.
/// Each service derives one context and, for migrations, one empty subclass per provider.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, string schema) : DbContext(options)
{
    public string Schema { get; } = schema;

    /// <summary>Set when a save added outbox messages that no commit has announced to the relay yet.</summary>
    internal bool OutboxWritten { get; set; }

    /// <summary>Messages added by <see cref="TransactionalMessagingExtensions.PublishAfterCommit{T}"/> and not saved yet.</summary>
    internal List<OutboxEnvelope> OutboxAdded { get; } = [];

    /// <summary>Messages saved inside a transaction, with its id, waiting for that transaction's commit.</summary>
    internal List<(OutboxEnvelope Envelope, Guid Transaction)> OutboxSaved { get; } = [];

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxEntry> InboxEntries => Set<InboxEntry>();

    public DbSet<ProbeReceipt> ProbeReceipts => Set<ProbeReceipt>();

    public DbSet<DeferredMessage> DeferredMessages => Set<DeferredMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxEntryConfiguration());
        modelBuilder.ApplyConfiguration(new ProbeReceiptConfiguration());
        modelBuilder.ApplyConfiguration(new DeferredMessageConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Instants are stored in UTC. SQLite cannot compare or order DateTimeOffset text, so there
        // they are UTC ticks; PostgreSQL (timestamptz) only accepts offset zero.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }
}
