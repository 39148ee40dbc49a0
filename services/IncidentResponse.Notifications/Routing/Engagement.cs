using IncidentResponse.Contracts.Vocabulary;
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

    /// <summary>Who engaged the unit by hand (rule <c>manual</c>); null when routing did.</summary>
    public string? EngagedBy { get; set; }

    /// <summary>Why the unit was engaged by hand.</summary>
    public string? EngagedReason { get; set; }

    /// <summary>When a recipient first confirmed receipt; null while nobody has.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>How: <c>link</c> (the signed link in a notification), <c>api</c>, <c>web</c> or <c>sms</c> (a reply with the code).</summary>
    public string? AcknowledgedVia { get; set; }

    /// <summary>Where the engagement stands: see <see cref="EngagementStates"/>.</summary>
    public string State { get; set; } = EngagementStates.Notified;

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedBy { get; set; }

    public DateTimeOffset? DeclinedAt { get; set; }

    public string? DeclinedBy { get; set; }

    public string? DeclineReason { get; set; }

    /// <summary>The unit the incident was handed to on a decline (the committee's standing office).</summary>
    public string? HandedTo { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? ResolutionSummary { get; set; }

    /// <summary>The escalation round of the last step that paged (0: none yet).</summary>
    public int CurrentRound { get; set; }

    /// <summary>The escalation step (1-based) of the last step that paged (0: none yet).</summary>
    public int CurrentStep { get; set; }

    /// <summary>Optimistic concurrency: an acknowledgement and an escalation step never both win.</summary>
    public int Version { get; set; }

    /// <summary>When <c>UnitEngaged</c> was last sent for it.</summary>
    public DateTimeOffset AnnouncedAt { get; set; }

    /// <summary>When escalation answered that it holds the engagement's chain; until then it is announced again.</summary>
    public DateTimeOffset? ChainHeldAt { get; set; }
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
        builder.Property(e => e.EngagedBy).HasMaxLength(300);
        builder.Property(e => e.EngagedReason).HasMaxLength(2000);
        builder.Property(e => e.AcknowledgedBy).HasMaxLength(300);
        builder.Property(e => e.AcknowledgedVia).HasMaxLength(20);
        builder.Property(e => e.State).HasMaxLength(20).HasDefaultValue(EngagementStates.Notified);
        builder.Property(e => e.AcceptedBy).HasMaxLength(300);
        builder.Property(e => e.DeclinedBy).HasMaxLength(300);
        builder.Property(e => e.DeclineReason).HasMaxLength(2000);
        builder.Property(e => e.HandedTo).HasMaxLength(40);
        builder.Property(e => e.ResolvedBy).HasMaxLength(300);
        builder.Property(e => e.ResolutionSummary).HasMaxLength(4000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.ChainHeldAt, e.AnnouncedAt });
        builder.HasIndex(e => new { e.EngagedAt, e.UnitCode });
    }
}
