using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Routing;

/// <summary>A partner unit engaged on an incident: one per (incident, unit), with the rule that caused it.</summary>
public sealed class Engagement
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public required string IncidentNumber { get; set; }

    public required string UnitCode { get; set; }

    public required string RuleId { get; set; }

    public required string RoutingVersion { get; set; }

    public int SeverityLevel { get; set; }

    public bool Serious { get; set; }

    public DateTimeOffset EngagedAt { get; set; }

    /// <summary>When a recipient first confirmed receipt; null while nobody has.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>How: <c>link</c> (the signed link in a notification), later the API or an SMS reply.</summary>
    public string? AcknowledgedVia { get; set; }
}

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> builder)
    {
        builder.ToTable("engagements");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.IncidentId, e.UnitCode }).IsUnique();
        builder.Property(e => e.IncidentNumber).HasMaxLength(40);
        builder.Property(e => e.UnitCode).HasMaxLength(40);
        builder.Property(e => e.RuleId).HasMaxLength(80);
        builder.Property(e => e.RoutingVersion).HasMaxLength(50);
        builder.Property(e => e.AcknowledgedBy).HasMaxLength(300);
        builder.Property(e => e.AcknowledgedVia).HasMaxLength(20);
    }
}
