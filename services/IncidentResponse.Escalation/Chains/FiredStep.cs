using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// A step that fired: when it was due, when it fired, whom it asked to page or why it was skipped.
/// Unique per (chain, round, step), so a step can fire once however often its timer goes off.
/// </summary>
public sealed class FiredStep
{
    public Guid Id { get; set; }

    public Guid ChainId { get; set; }

    public int Round { get; set; }

    public int Step { get; set; }

    public bool Retrigger { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset FiredAt { get; set; }

    /// <summary><c>paged</c> (targets sent to notifications) or <c>skipped</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The targets as resolved, or why none was, as JSON (a <c>text</c> column: as long as the step's targets).</summary>
    public required string Detail { get; set; }

    /// <summary>Which host fired it (for the two-Host test and operations).</summary>
    public required string FiredBy { get; set; }

    /// <summary>
    /// When notifications answered the page request (paged or skipped); a step that paged and is not answered
    /// is asked for again (the request lost with an in-memory bus, or parked after a failure there).
    /// </summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the page request was last sent.</summary>
    public DateTimeOffset? RequestedAt { get; set; }
}

internal sealed class FiredStepConfiguration : IEntityTypeConfiguration<FiredStep>
{
    public void Configure(EntityTypeBuilder<FiredStep> builder)
    {
        builder.ToTable("fired_steps");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.ChainId, s.Round, s.Step }).IsUnique();
        builder.Property(s => s.Outcome).HasMaxLength(20);
        // Unbounded: a step may name many targets (a broadcast to every unit), and the step must still fire.
        builder.Property(s => s.FiredBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.Outcome, s.AnsweredAt, s.RequestedAt });
    }
}
