using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Hotline;

/// <summary>
/// A call to the committee's hotline (sổ ghi nhận cuộc gọi đường dây nóng), logged by the person who took it, whether or not
/// it became a report: what the standing office answers for when asked "who called that night, and what did we do?". Never
/// changed or deleted; the caller's name and number are personal data, read by staff only and never logged.
/// </summary>
public sealed class HotlineCall
{
    public const int MaxCallerName = Reports.ReportValidation.MaxText;
    public const int MaxCallerPhone = 40;
    public const int MaxSummary = 4000;
    public const int MaxIdempotencyKey = 255;

    public Guid Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? CallerName { get; set; }

    public string? CallerPhone { get; set; }

    public string? CallerOrganization { get; set; }

    public required string Summary { get; set; }

    public required string Outcome { get; set; }

    public Guid? ReportId { get; set; }

    public required string LoggedBy { get; set; }

    /// <summary>Who logged it (the actor id): an <see cref="IdempotencyKey"/> is that person's or key's own.</summary>
    public required string LoggedById { get; set; }

    public DateTimeOffset LoggedAt { get; set; }

    /// <summary>The request's <c>Idempotency-Key</c>, when it had one: the same key from the same caller logs nothing more.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>What the request said (SHA-256, hex): the same key with other words is refused, not answered with this call.</summary>
    public required string RequestHash { get; set; }
}

internal sealed class HotlineCallConfiguration : IEntityTypeConfiguration<HotlineCall>
{
    public void Configure(EntityTypeBuilder<HotlineCall> builder)
    {
        builder.ToTable("hotline_calls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CallerName).HasMaxLength(HotlineCall.MaxCallerName);
        builder.Property(c => c.CallerPhone).HasMaxLength(HotlineCall.MaxCallerPhone);
        builder.Property(c => c.CallerOrganization).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(c => c.Summary).HasMaxLength(HotlineCall.MaxSummary);
        builder.Property(c => c.Outcome).HasMaxLength(20);
        builder.Property(c => c.LoggedBy).HasMaxLength(200);
        builder.Property(c => c.LoggedById).HasMaxLength(200);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(HotlineCall.MaxIdempotencyKey);
        builder.Property(c => c.RequestHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.LoggedById, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => c.ReceivedAt);
    }
}
