using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// A legal reporting deadline of an incident, watched: reminders before it falls due, an overdue
/// alert when it does, until the incident closes. One pending timer at a time (the next alert).
/// </summary>
public sealed class DeadlineClock
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public required string IncidentNumber { get; set; }

    public required string DeadlineId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public required string NameVi { get; set; }

    public required string NameEn { get; set; }

    public required string Basis { get; set; }

    /// <summary>Which policies version's reminders apply.</summary>
    public required string PolicyVersion { get; set; }

    /// <summary><c>running</c>, <c>stopped</c> (incident closed) or <c>done</c> (overdue alert sent).</summary>
    public required string State { get; set; }

    /// <summary>How many alerts were sent; the next one is the reminder at this index, or the overdue alert after the last.</summary>
    public int AlertsSent { get; set; }

    public DateTimeOffset? NextAlertAt { get; set; }

    public int Version { get; set; }

    /// <summary>The stage of the last alert sent that notifications has not answered yet (it is sent again); null when none is owed.</summary>
    public string? AlertOwed { get; set; }

    /// <summary>When the owed alert was raised (its <c>RaisedAt</c>, the same every time it is sent).</summary>
    public DateTimeOffset? AlertRequestedAt { get; set; }

    /// <summary>When the owed alert was last sent.</summary>
    public DateTimeOffset? AlertSentAt { get; set; }
}

internal sealed class DeadlineClockConfiguration : IEntityTypeConfiguration<DeadlineClock>
{
    public void Configure(EntityTypeBuilder<DeadlineClock> builder)
    {
        builder.ToTable("deadline_clocks");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.IncidentId, c.DeadlineId }).IsUnique();
        builder.HasIndex(c => new { c.State, c.NextAlertAt });
        builder.Property(c => c.IncidentNumber).HasMaxLength(40);
        builder.Property(c => c.DeadlineId).HasMaxLength(60);
        builder.Property(c => c.NameVi).HasMaxLength(300);
        builder.Property(c => c.NameEn).HasMaxLength(300);
        builder.Property(c => c.Basis).HasMaxLength(300);
        builder.Property(c => c.PolicyVersion).HasMaxLength(50);
        builder.Property(c => c.State).HasMaxLength(20);
        builder.Property(c => c.AlertOwed).HasMaxLength(20);
        builder.HasIndex(c => new { c.AlertOwed, c.AlertSentAt });
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
