using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// One issued version of an official document: the files exactly as issued, their SHA-256, the operator's edits, who
/// issued it and when. Never updated or deleted (no endpoint changes one); the timeline entry written in the same
/// transaction (<see cref="TimelineSequence"/>) carries the same hashes, so a changed file shows. Version numbers count
/// per incident and form; <see cref="IdempotencyKey"/> makes a retried request find its version instead of adding one.
/// </summary>
public sealed class IssuedDocument
{
    public const int MaxIdempotencyKey = 255;

    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public required string Form { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    /// <summary>The operator's edits as JSON (<see cref="Contracts.Api.Documents.DocumentEdits"/>), whole.</summary>
    public required string Edits { get; set; }

    public required byte[] Pdf { get; set; }

    public required string PdfSha256 { get; set; }

    public long PdfSize { get; set; }

    public required byte[] Docx { get; set; }

    public required string DocxSha256 { get; set; }

    public long DocxSize { get; set; }

    public required string IssuedById { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The sequence number of the <c>document-issued</c> timeline entry.</summary>
    public int TimelineSequence { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the form and the request body, to tell a retry from another request under the same key.</summary>
    public required string RequestHash { get; set; }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.ToTable("issued_documents");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.IncidentId, d.Form, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.IncidentId, d.IdempotencyKey }).IsUnique();
        builder.Property(d => d.Form).HasMaxLength(40);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.PdfSha256).HasMaxLength(64);
        builder.Property(d => d.DocxSha256).HasMaxLength(64);
        builder.Property(d => d.IssuedById).HasMaxLength(200);
        builder.Property(d => d.IssuedBy).HasMaxLength(200);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(IssuedDocument.MaxIdempotencyKey);
        builder.Property(d => d.RequestHash).HasMaxLength(64);
    }
}
