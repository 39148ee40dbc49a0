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
    }
}
