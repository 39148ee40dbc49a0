using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Documents;

/// <summary>
/// The files of an issued document that triage asked to send, kept once per document (however many times it is
/// sent) so that each recipient's notification attaches the same bytes; checked against their SHA-256 on arrival.
/// </summary>
public sealed class IssuedDocumentCopy
{
    public Guid DocumentId { get; set; }

    public Guid IncidentId { get; set; }

    public required string Form { get; set; }

    public int Version { get; set; }

    public required string FileName { get; set; }

    public required byte[] Pdf { get; set; }

    public required string PdfSha256 { get; set; }

    public required byte[] Docx { get; set; }

    public required string DocxSha256 { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}

internal sealed class IssuedDocumentCopyConfiguration : IEntityTypeConfiguration<IssuedDocumentCopy>
{
    public void Configure(EntityTypeBuilder<IssuedDocumentCopy> builder)
    {
        builder.ToTable("issued_document_copies");
        builder.HasKey(d => d.DocumentId);
        builder.HasIndex(d => d.IncidentId);
        builder.Property(d => d.Form).HasMaxLength(40);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.PdfSha256).HasMaxLength(64);
        builder.Property(d => d.DocxSha256).HasMaxLength(64);
    }
}
