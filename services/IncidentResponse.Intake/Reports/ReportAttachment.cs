using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// A file that came with a report (an e-mailed log, screenshot or malware sample), kept as it
/// arrived and committed with the report. Too large a file is listed with its size but not kept.
/// </summary>
public sealed class ReportAttachment
{
    public const int MaxFileName = 255;

    public const int MaxContentType = 255;

    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>Order in the message, from 1.</summary>
    public int Position { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, hex, so that a sample can be matched without opening it.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The bytes; null when the file was over the size limit.</summary>
    public byte[]? Content { get; set; }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> builder)
    {
        builder.ToTable("report_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(ReportAttachment.MaxFileName);
        builder.Property(a => a.ContentType).HasMaxLength(ReportAttachment.MaxContentType);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => new { a.ReportId, a.Position }).IsUnique();
        builder.HasOne<StoredReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
