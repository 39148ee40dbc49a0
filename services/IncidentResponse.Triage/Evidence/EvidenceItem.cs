using IncidentResponse.Contracts.Api.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Evidence;

/// <summary>
/// A file kept as evidence of an incident (a log, a capture, a malware sample, a screenshot): the bytes exactly as
/// uploaded and their SHA-256, numbered per incident, with what it is, where, when and by whom it was collected, and who
/// holds it now. The bytes and the hash never change (no endpoint edits or removes an item); only the custodian moves,
/// each hand-over an entry on the incident's hash-chained timeline beside the <c>evidence-added</c> entry that
/// <see cref="TimelineSequence"/> points to.
/// </summary>
public sealed class EvidenceItem
{
    public const int MaxIdempotencyKey = 255;

    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    /// <summary>1, 2, 3 … within the incident (CC-1, CC-2 …).</summary>
    public int Number { get; set; }

    public required string FileName { get; set; }

    /// <summary>As the uploader declared it; downloads are always <c>application/octet-stream</c> (a sample may be malware).</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public required string Description { get; set; }

    /// <summary>Where it was taken from (a server and path, a mailbox, the reporter).</summary>
    public string? Source { get; set; }

    public DateTimeOffset CollectedAt { get; set; }

    public required string CollectedBy { get; set; }

    /// <summary>Who holds it now: the collector at first, then whoever it was last handed to.</summary>
    public required string Custodian { get; set; }

    public required string AddedById { get; set; }

    public required string AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The sequence number of the <c>evidence-added</c> timeline entry.</summary>
    public int TimelineSequence { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the file's hash and the form's fields, to tell a retry from another upload under the same key.</summary>
    public required string RequestHash { get; set; }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("evidence_items");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.IncidentId, e.Number }).IsUnique();
        builder.HasIndex(e => new { e.IncidentId, e.IdempotencyKey }).IsUnique();
        builder.Property(e => e.FileName).HasMaxLength(EvidenceLimits.MaxFileName);
        builder.Property(e => e.ContentType).HasMaxLength(EvidenceLimits.MaxContentType);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.Description).HasMaxLength(EvidenceLimits.MaxDescription);
        builder.Property(e => e.Source).HasMaxLength(EvidenceLimits.MaxSource);
        builder.Property(e => e.CollectedBy).HasMaxLength(EvidenceLimits.MaxPerson);
        builder.Property(e => e.Custodian).HasMaxLength(EvidenceLimits.MaxPerson);
        builder.Property(e => e.AddedById).HasMaxLength(200);
        builder.Property(e => e.AddedBy).HasMaxLength(200);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(EvidenceItem.MaxIdempotencyKey);
        builder.Property(e => e.RequestHash).HasMaxLength(64);
    }
}
