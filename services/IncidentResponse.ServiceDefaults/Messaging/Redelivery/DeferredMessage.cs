using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// A message whose consumer kept failing, stored in the consuming service's own database and
/// redelivered to its queue (only) with the same message id; the inbox makes a redelivery of an
/// already applied message change nothing.
/// </summary>
public sealed class DeferredMessage
{
    public const int ErrorLength = 1000;

    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    /// <summary>The receive endpoint (queue) whose consumer failed.</summary>
    public required string Queue { get; set; }

    /// <summary>Full name of a record type in the contracts assembly.</summary>
    public required string MessageType { get; set; }

    /// <summary>The message as JSON (<see cref="Outbox.OutboxSerializer"/>).</summary>
    public required string Body { get; set; }

    /// <summary>Deliveries that failed after their quick retries.</summary>
    public int Attempts { get; set; }

    /// <summary>Exception type and message of the first failure, cut to <see cref="ErrorLength"/>.</summary>
    public required string FirstError { get; set; }

    public required string LastError { get; set; }

    public DateTimeOffset FirstFailedAt { get; set; }

    public DateTimeOffset LastFailedAt { get; set; }

    /// <summary>When it is sent again (waiting); null once parked.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public required string State { get; set; }
}

internal sealed class DeferredMessageConfiguration : IEntityTypeConfiguration<DeferredMessage>
{
    public void Configure(EntityTypeBuilder<DeferredMessage> builder)
    {
        builder.ToTable("deferred_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Queue).HasMaxLength(200);
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.FirstError).HasMaxLength(DeferredMessage.ErrorLength);
        builder.Property(m => m.LastError).HasMaxLength(DeferredMessage.ErrorLength);
        builder.Property(m => m.State).HasMaxLength(20);
        builder.HasIndex(m => new { m.Queue, m.MessageId }).IsUnique();
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}
