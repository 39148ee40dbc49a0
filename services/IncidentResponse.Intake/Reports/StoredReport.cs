using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Reports;

/// <summary>A report as it arrived, kept whole (<see cref="Payload"/> never changes), and where triage put it.</summary>
public sealed class StoredReport
{
    public const int MaxChannel = 30;

    public const int MaxSubmittedBy = 200;

    public const int MaxSubmittedByName = 200;

    public const int MaxHoldReason = 500;

    public const int MaxReviewNote = 1000;

    public Guid Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>How it came in: api, web, email, events-api, alertmanager.</summary>
    public required string Channel { get; set; }

    public required string SubmittedBy { get; set; }

    public required string SubmittedByName { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request body, to tell an idempotent retry from a different request.</summary>
    public string? RequestHash { get; set; }

    public required string Title { get; set; }

    public required string Classification { get; set; }

    public required string Tlp { get; set; }

    /// <summary>The validated report (<c>IncidentReport</c>) as JSON.</summary>
    public required string Payload { get; set; }

    public required string Status { get; set; }

    public Guid? IncidentId { get; set; }

    public string? IncidentNumber { get; set; }

    public bool Correlated { get; set; }

    public DateTimeOffset? TriagedAt { get; set; }

    /// <summary>When <c>ReportReceived</c> was last put in the outbox; reports left untriaged are announced again.</summary>
    public DateTimeOffset LastAnnouncedAt { get; set; }

    /// <summary>Why the report waits for an operator before triage (an unknown or unauthenticated sender); null when it never did.</summary>
    public string? HoldReason { get; set; }

    /// <summary>Who confirmed or rejected a held report (actor id), when, and why.</summary>
    public string? ReviewedBy { get; set; }

    public string? ReviewedByName { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }
}

internal sealed class StoredReportConfiguration : IEntityTypeConfiguration<StoredReport>
{
    public void Configure(EntityTypeBuilder<StoredReport> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Channel).HasMaxLength(StoredReport.MaxChannel);
        builder.Property(r => r.SubmittedBy).HasMaxLength(StoredReport.MaxSubmittedBy);
        builder.Property(r => r.SubmittedByName).HasMaxLength(StoredReport.MaxSubmittedByName);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.Classification).HasMaxLength(100);
        builder.Property(r => r.Tlp).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(30);
        builder.Property(r => r.IncidentNumber).HasMaxLength(30);
        builder.Property(r => r.HoldReason).HasMaxLength(StoredReport.MaxHoldReason);
        builder.Property(r => r.ReviewedBy).HasMaxLength(StoredReport.MaxSubmittedBy);
        builder.Property(r => r.ReviewedByName).HasMaxLength(StoredReport.MaxSubmittedByName);
        builder.Property(r => r.ReviewNote).HasMaxLength(StoredReport.MaxReviewNote);
        builder.HasIndex(r => new { r.SubmittedBy, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.LastAnnouncedAt });
        builder.HasIndex(r => r.ReceivedAt);
    }
}
