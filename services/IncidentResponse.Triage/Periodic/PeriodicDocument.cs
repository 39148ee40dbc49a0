using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// One issued version of a periodic report's form (<c>periodic_documents</c>): the PDF and DOCX exactly as issued, their
/// SHA-256, the counts they state (JSON), who issued it and when. Never updated or deleted. Versions count per report and
/// year (<see cref="ReportId"/>, <c>{kind}:{year}</c>); <see cref="IdempotencyKey"/> makes a retried request find its version.
/// </summary>
public sealed class PeriodicDocument
{
    public Guid Id { get; set; }

    public required string ReportId { get; set; }

    public required string Kind { get; set; }

    public int Year { get; set; }

    public int Version { get; set; }

    public required string Form { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    /// <summary>The figures the form states, as JSON (<see cref="Contracts.Api.Incidents.PeriodicCountView"/>[]).</summary>
    public required string Counts { get; set; }

    public required byte[] Pdf { get; set; }

    public required string PdfSha256 { get; set; }

    public long PdfSize { get; set; }

    public required byte[] Docx { get; set; }

    public required string DocxSha256 { get; set; }

    public long DocxSize { get; set; }

    public required string IssuedById { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the report and the request, to tell a retry from another request under the same key.</summary>
    public required string RequestHash { get; set; }
}

internal sealed class PeriodicDocumentConfiguration : IEntityTypeConfiguration<PeriodicDocument>
{
    public void Configure(EntityTypeBuilder<PeriodicDocument> builder)
    {
        builder.ToTable("periodic_documents");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.ReportId, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.ReportId, d.IdempotencyKey }).IsUnique();
        builder.HasIndex(d => d.Year);
        builder.Property(d => d.ReportId).HasMaxLength(80);
        builder.Property(d => d.Kind).HasMaxLength(60);
        builder.Property(d => d.Form).HasMaxLength(40);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.Counts).HasMaxLength(8000);
        builder.Property(d => d.PdfSha256).HasMaxLength(64);
        builder.Property(d => d.DocxSha256).HasMaxLength(64);
        builder.Property(d => d.IssuedById).HasMaxLength(200);
        builder.Property(d => d.IssuedBy).HasMaxLength(200);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(Documents.IssuedDocument.MaxIdempotencyKey);
        builder.Property(d => d.RequestHash).HasMaxLength(64);
    }
}
