using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>One try to deliver a notification: the proof (or the reason there is none).</summary>
public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid NotificationId { get; set; }

    /// <summary>1, 2, 3 … across all rounds of the notification.</summary>
    public int Sequence { get; set; }

    /// <summary>0 for the first send, then one more per resend.</summary>
    public int Round { get; set; }

    public required string Channel { get; set; }

    public required string Address { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public required string Outcome { get; set; }

    public required string ProviderResponse { get; set; }

    public string? ProviderMessageId { get; set; }

    public int LatencyMs { get; set; }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.NotificationId, a.Sequence }).IsUnique();
        builder.HasIndex(a => a.StartedAt);
        builder.Property(a => a.Channel).HasMaxLength(20);
        builder.Property(a => a.Address).HasMaxLength(400);
        builder.Property(a => a.Outcome).HasMaxLength(30);
        builder.Property(a => a.ProviderResponse).HasMaxLength(1000);
        builder.Property(a => a.ProviderMessageId).HasMaxLength(300);
    }
}
