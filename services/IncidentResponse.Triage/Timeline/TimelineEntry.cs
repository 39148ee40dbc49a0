using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// One thing that happened to an incident: who, when, what, through which channel. Never updated
/// or deleted; each entry carries the hash of the one before, so a change or a removal shows.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    /// <summary>1, 2, 3 … without gaps within an incident.</summary>
    public int Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Kind { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Channel { get; set; }

    public required string SummaryVi { get; set; }

    public required string SummaryEn { get; set; }

    /// <summary>Details as JSON (the assessment, the old and new level …).</summary>
    public string? Data { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("timeline_entries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.IncidentId, e.Sequence }).IsUnique();
        builder.Property(e => e.Kind).HasMaxLength(50);
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Channel).HasMaxLength(30);
        builder.Property(e => e.SummaryVi).HasMaxLength(2000);
        builder.Property(e => e.SummaryEn).HasMaxLength(2000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
    }
}
