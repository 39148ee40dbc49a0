using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>A message a consumer has already applied; written in the same transaction as its effects.</summary>
public sealed class InboxEntry
{
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("inbox_entries");
        builder.HasKey(e => new { e.Consumer, e.MessageId });
        builder.Property(e => e.Consumer).HasMaxLength(200);
        builder.HasIndex(e => e.ProcessedAt);
    }
}
