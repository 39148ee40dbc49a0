using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// One reminder stage of one periodic report of one year, passed (<c>periodic_reminders</c>): raised (<see cref="Sent"/>, its
/// <c>PeriodicReportReminder</c> published in the same transaction) or let pass without a message, when a later stage was
/// due already or it was older than <c>Triage:PeriodicReminderStaleAfter</c> (a Host that was down, a new deployment). Its
/// key makes a stage pass once, whichever Host sweeps first.
/// </summary>
public sealed class PeriodicReminderRecord
{
    /// <summary><c>{rule id}:{year}:{stage}</c>, e.g. <c>mau-05-year:2026:before-P14D</c>.</summary>
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public int Year { get; set; }

    public required string Stage { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the stage was due.</summary>
    public DateTimeOffset StageAt { get; set; }

    /// <summary>When it was passed.</summary>
    public DateTimeOffset At { get; set; }

    public bool Sent { get; set; }
}

internal sealed class PeriodicReminderRecordConfiguration : IEntityTypeConfiguration<PeriodicReminderRecord>
{
    public void Configure(EntityTypeBuilder<PeriodicReminderRecord> builder)
    {
        builder.ToTable("periodic_reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(140);
        builder.Property(r => r.Kind).HasMaxLength(60);
        builder.Property(r => r.Stage).HasMaxLength(60);
        builder.HasIndex(r => new { r.Kind, r.Year });
    }
}
