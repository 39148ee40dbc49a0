using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// A person's request to send an issued document by e-mail: to whom, for which duty, who and when. Stored with the
/// <c>SendIssuedDocument</c> message and the <c>document-sent</c> timeline entry in one transaction; a retried request
/// (same <see cref="IdempotencyKey"/>) finds it and sends nothing more.
/// </summary>
public sealed class DocumentSending
{
    public Guid Id { get; set; }

    public Guid DocumentId { get; set; }

    public Guid IncidentId { get; set; }

    public string? DutyId { get; set; }

    /// <summary>Comma-separated unit codes, roles or e-mail addresses.</summary>
    public required string Recipients { get; set; }

    public required string RequestedById { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? IdempotencyKey { get; set; }

    public required string RequestHash { get; set; }
}

internal sealed class DocumentSendingConfiguration : IEntityTypeConfiguration<DocumentSending>
{
    public void Configure(EntityTypeBuilder<DocumentSending> builder)
    {
        builder.ToTable("document_sendings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.DocumentId);
        builder.HasIndex(s => new { s.DocumentId, s.IdempotencyKey }).IsUnique();
        builder.Property(s => s.DutyId).HasMaxLength(60);
        builder.Property(s => s.Recipients).HasMaxLength(4000);
        builder.Property(s => s.RequestedById).HasMaxLength(200);
        builder.Property(s => s.RequestedBy).HasMaxLength(200);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(IssuedDocument.MaxIdempotencyKey);
        builder.Property(s => s.RequestHash).HasMaxLength(64);
    }
}
