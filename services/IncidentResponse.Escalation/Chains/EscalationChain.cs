using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// The escalation of one engagement: the policy version it started with, where it is (round and
/// next step), and the one timer it has pending. The database row is the truth; the Quartz trigger
/// only says when to look at it again.
/// </summary>
public sealed class EscalationChain
{
    /// <summary>The engagement's id.</summary>
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public required string IncidentNumber { get; set; }

    public required string UnitCode { get; set; }

    public int SeverityLevel { get; set; }

    public bool Serious { get; set; }

    public required string PolicyId { get; set; }

    public required string PolicyVersion { get; set; }

    /// <summary>
    /// Rounds run under earlier policies: a chain whose policy was switched (<see cref="PolicySwitch"/>) counts its
    /// policy's rounds from here, so a policy's <c>repeat</c> limit applies to its own rounds only.
    /// </summary>
    public int RoundsBefore { get; set; }

    /// <summary>The policy the chain had before its last switch; null when it never switched.</summary>
    public string? PreviousPolicyId { get; set; }

    /// <summary>When the incident's facts last made another policy apply; null when it never switched.</summary>
    public DateTimeOffset? PolicySwitchedAt { get; set; }

    public required string State { get; set; }

    /// <summary>1 for the first pass; each repeat or re-trigger adds one.</summary>
    public int Round { get; set; }

    /// <summary>The 1-based step that fires next (in <see cref="Round"/>).</summary>
    public int NextStep { get; set; }

    /// <summary>When the pending timer falls due; null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary><c>step</c> or <c>ack-timeout</c>: what the pending timer does.</summary>
    public string? NextTimer { get; set; }

    public int LastFiredRound { get; set; }

    public int LastFiredStep { get; set; }

    public DateTimeOffset? LastFiredAt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The engaged unit's names in the directory, as its <c>UnitEngaged</c> announced them (null for chains from before they were kept).</summary>
    public string? UnitNameVi { get; set; }

    public string? UnitNameEn { get; set; }

    public int Version { get; set; }
}

/// <summary>What a pending timer does.</summary>
public static class TimerKinds
{
    public const string Step = "step";
    public const string AcknowledgementTimeout = "ack-timeout";
    public const string Deadline = "deadline";
}

internal sealed class EscalationChainConfiguration : IEntityTypeConfiguration<EscalationChain>
{
    /// <summary>As the directory keeps a unit's names.</summary>
    public const int UnitNameLength = 300;

    public void Configure(EntityTypeBuilder<EscalationChain> builder)
    {
        builder.ToTable("chains");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.IncidentId);
        builder.HasIndex(c => new { c.State, c.NextDueAt });
        builder.Property(c => c.IncidentNumber).HasMaxLength(40);
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitNameVi).HasMaxLength(UnitNameLength);
        builder.Property(c => c.UnitNameEn).HasMaxLength(UnitNameLength);
        builder.Property(c => c.PolicyId).HasMaxLength(80);
        builder.Property(c => c.PolicyVersion).HasMaxLength(50);
        builder.Property(c => c.PreviousPolicyId).HasMaxLength(80);
        builder.Property(c => c.State).HasMaxLength(20);
        builder.Property(c => c.NextTimer).HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
