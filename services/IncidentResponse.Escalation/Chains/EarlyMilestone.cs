using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// A milestone of an engagement heard of before its chain was started (events travel on different
/// queues): kept, and applied when the chain starts, so an engagement acknowledged or ended first never
/// gets a running chain afterwards, and one whose first notice reached nobody first gets its first step at once.
/// </summary>
public sealed class EarlyMilestone
{
    public Guid EngagementId { get; set; }

    /// <summary><c>acknowledged</c>, <c>ended</c> or <c>failed</c>.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset At { get; set; }

    public const string Acknowledged = "acknowledged";
    public const string Ended = "ended";

    /// <summary>The engagement's first notice reached nobody (<see cref="NotificationFailedConsumer"/>).</summary>
    public const string Failed = "failed";
}

internal sealed class EarlyMilestoneConfiguration : IEntityTypeConfiguration<EarlyMilestone>
{
    public void Configure(EntityTypeBuilder<EarlyMilestone> builder)
    {
        builder.ToTable("early_milestones");
        builder.HasKey(m => new { m.EngagementId, m.Kind });
        builder.Property(m => m.Kind).HasMaxLength(20);
    }
}
