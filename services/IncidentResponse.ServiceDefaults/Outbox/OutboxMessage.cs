using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// A message to publish, written in the same transaction as the state change it announces. The
/// relay publishes it with <see cref="Id"/> as the message id (so a re-publish after a crash is
/// recognisably the same message) and then deletes it; on the in-memory transport it keeps it a while
/// as sent (<see cref="SentMark"/>), so a crash cannot lose what the bus held.
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

    /// <summary>Publications of this row that failed (type unknown, body unreadable, publish refused).</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed, cut to <see cref="ErrorLength"/>.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Set after <see cref="OutboxOptions.MaxAttempts"/> failures: the relay no longer takes the row;
    /// a coordinator replays (clears it) or discards it.
    /// </summary>
    public DateTimeOffset? QuarantinedAt { get; set; }

    public const int ErrorLength = 1000;

    /// <summary>
    /// How <see cref="ClaimedBy"/> starts on a row that was published on the in-memory bus and is kept until
    /// <see cref="ClaimedUntil"/> (followed by the publishing process's instance id).
    /// </summary>
    public const string SentMark = "sent/";
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorLength);
        builder.HasIndex(m => m.CreatedAt);
    }
}
