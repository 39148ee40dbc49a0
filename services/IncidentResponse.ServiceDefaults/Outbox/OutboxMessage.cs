using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// A message to publish, written in the same transaction as the state change it announces. The
/// relay publishes it with <see cref="Id"/> as the message id (so a re-publish after a crash is
/// recognisably the same message) and then deletes it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Full name of a record type in the contracts assembly.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The relay instance that is publishing it, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.HasIndex(m => m.CreatedAt);
    }
}
