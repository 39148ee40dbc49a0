using IncidentResponse.Contracts.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// One notice to one recipient, with the recipient's channels in order. The dispatcher works on
/// it until one channel delivers (delivered) or all fail (failed); a resend makes it pending again.
/// The idempotency key makes the same request create one notification, so one message is sent.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>What asked for it, e.g. <c>engagement:{id}:duty</c>; unique.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The incident it is about; <see cref="NoIncident"/> for a notice about none (a periodic report's reminder or its mailed form).</summary>
    public Guid IncidentId { get; set; }

    /// <summary>The <see cref="IncidentId"/> of a notice about no incident: its outcome goes to no timeline.</summary>
    public static readonly Guid NoIncident = Guid.Empty;

    public required string IncidentNumber { get; set; }

    public Guid? EngagementId { get; set; }

    public required string UnitCode { get; set; }

    /// <summary><c>duty:{unit}</c> for a unit's duty point, <c>person:{id}</c> for a person.</summary>
    public required string RecipientKey { get; set; }

    public required string RecipientName { get; set; }

    public required string Language { get; set; }

    public required string TimeZone { get; set; }

    public required string Kind { get; set; }

    /// <summary>The recipient's channels in the order they are tried, as JSON.</summary>
    public required string Destinations { get; set; }

    /// <summary>The full notice as JSON; each channel gets it cut down to what the TLP label allows there.</summary>
    public required string Notice { get; set; }

    public required string AcknowledgeCode { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>How many times a person asked to send it again.</summary>
    public int Resends { get; set; }

    public string? DeliveredChannel { get; set; }

    public string? DeliveredAddress { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// When the latest sending went out (its completion; the creation while the first is pending): what an
    /// acknowledgement link, code or button signed for it lives from (<c>Notifications:AcknowledgeLinkLifetime</c>), so a
    /// notice sent again after the first one's links expired can be acknowledged from what it carries.
    /// </summary>
    public DateTimeOffset LastSentAt => CompletedAt is { } completed && completed > CreatedAt ? completed : CreatedAt;

    /// <summary>When its acknowledgement link was used; a link works once.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>What asked for it: <c>engagement</c>, <c>step:{round}:{step}</c>, <c>deadline</c>, <c>decline</c> or <c>update</c> (see <see cref="NotificationOrigins"/>).</summary>
    public string Origin { get; set; } = NotificationOrigins.Engagement;

    public int Version { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.IncidentId);
        builder.HasIndex(n => n.AcknowledgeCode).IsUnique();
        builder.Property(n => n.IdempotencyKey).HasMaxLength(200);
        builder.Property(n => n.IncidentNumber).HasMaxLength(40);
        builder.Property(n => n.UnitCode).HasMaxLength(40);
        builder.Property(n => n.RecipientKey).HasMaxLength(130);
        builder.Property(n => n.RecipientName).HasMaxLength(300);
        builder.Property(n => n.Language).HasMaxLength(5);
        builder.Property(n => n.TimeZone).HasMaxLength(60);
        builder.Property(n => n.Kind).HasMaxLength(30);
        builder.Property(n => n.AcknowledgeCode).HasMaxLength(16);
        builder.Property(n => n.Status).HasMaxLength(20);
        builder.Property(n => n.Origin).HasMaxLength(40).HasDefaultValue(NotificationOrigins.Engagement);
        builder.HasIndex(n => n.EngagementId);
        builder.Property(n => n.ClaimedBy).HasMaxLength(100);
        builder.Property(n => n.DeliveredChannel).HasMaxLength(20);
        builder.Property(n => n.DeliveredAddress).HasMaxLength(400);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.Property(n => n.Version).IsConcurrencyToken();
    }
}
