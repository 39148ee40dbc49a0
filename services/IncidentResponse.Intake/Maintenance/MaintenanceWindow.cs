using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// A planned outage of the systems one integration watches (a maintenance window): from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/> a new alert of that integration, a missed heartbeat among them, is stored and held for
/// confirmation instead of opening an incident, so nobody is paged for work that was announced. An alert still open when
/// the window ends is released to triage then, with the time it was first received (legal clocks are never paused).
/// A window may repeat (<see cref="Recurrence"/>, an RRULE): [<see cref="StartsAt"/>, <see cref="EndsAt"/>) is then its first
/// occurrence, and <see cref="SeriesEndsAt"/> the end of its last.
/// </summary>
public sealed class MaintenanceWindow
{
    public const int MaxReason = 500;

    public Guid Id { get; set; }

    /// <summary>The integration (its API key id) whose alerts the window holds.</summary>
    public Guid IntegrationId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>When it (its first occurrence, for a series) ends; ending a window that does not repeat early moves this to then.</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>An RFC 5545 RRULE (<see cref="MaintenanceRecurrence"/>), or null for a window that happens once.</summary>
    public string? Recurrence { get; set; }

    /// <summary>When the last occurrence ends (<see cref="EndsAt"/> for a window that happens once); ending it early moves this too.</summary>
    public DateTimeOffset SeriesEndsAt { get; set; }

    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who ended it before its planned end, and when; null while it runs as planned.</summary>
    public string? EndedByName { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int Version { get; set; }

    /// <summary>The occurrence in force at <paramref name="at"/>, or null.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? OccurrenceAt(DateTimeOffset at) =>
        at < SeriesEndsAt && (EndedAt is null || at < EndedAt) ? MaintenanceRecurrence.At(this, at) : null;

    public bool IsActiveAt(DateTimeOffset at) => OccurrenceAt(at) is not null;

    /// <summary>Past the end of its last occurrence, or ended by a person.</summary>
    public bool IsOverAt(DateTimeOffset at) => EndedAt is not null || SeriesEndsAt <= at;
}

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> builder)
    {
        builder.ToTable("maintenance_windows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Reason).HasMaxLength(MaintenanceWindow.MaxReason);
        builder.Property(w => w.Recurrence).HasMaxLength(MaintenanceRecurrence.MaxLength);
        builder.Property(w => w.CreatedBy).HasMaxLength(200);
        builder.Property(w => w.CreatedByName).HasMaxLength(200);
        builder.Property(w => w.EndedByName).HasMaxLength(200);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.IntegrationId, w.SeriesEndsAt });
    }
}
