using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// One thing that happened to an incident: who, when, what, through which channel. Never updated
/// or deleted; each entry carries the hash of the one before, sealed with a key kept outside the database
/// (<see cref="Sealing.TimelineKeyRing"/>), so a change or a removal shows.
/// The summaries are unbounded text: they quote what people wrote (a 10,000-character note, a
/// partner's decline reason), and an entry that does not fit is an entry missing from the record.
/// </summary>
public sealed class TimelineEntry
{
    public const int MaxKind = 50;

    public const int MaxActorId = 200;

    public const int MaxActorName = 200;

    public const int MaxChannel = 30;

    public const int MaxKeyId = 16;

    public const int MaxSourceKey = 100;

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

    /// <summary>The id of the timeline key that sealed <see cref="Hash"/>; null for a legacy, unkeyed entry.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// What put the entry here when another service's message did, unique within the incident
    /// (<c>engaged:{engagementId}</c>, <c>delivered:{notificationId}</c>): a message given again finds it and
    /// appends nothing. Not part of the hash (it names the cause, it is not a fact of the record); null for
    /// entries written by people and triage, and for those of other messages.
    /// </summary>
    public string? SourceKey { get; set; }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("timeline_entries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.IncidentId, e.Sequence }).IsUnique();
        builder.Property(e => e.Kind).HasMaxLength(TimelineEntry.MaxKind);
        builder.Property(e => e.ActorId).HasMaxLength(TimelineEntry.MaxActorId);
        builder.Property(e => e.ActorName).HasMaxLength(TimelineEntry.MaxActorName);
        builder.Property(e => e.Channel).HasMaxLength(TimelineEntry.MaxChannel);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.KeyId).HasMaxLength(TimelineEntry.MaxKeyId);
        builder.Property(e => e.SourceKey).HasMaxLength(TimelineEntry.MaxSourceKey);
        builder.HasIndex(e => new { e.IncidentId, e.SourceKey }).IsUnique();
    }
}
