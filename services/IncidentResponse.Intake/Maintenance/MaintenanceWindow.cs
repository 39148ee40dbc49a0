using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// A planned outage of the systems one integration watches (a maintenance window): from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/> a new alert of that integration, a missed heartbeat among them, is stored and held for
/// confirmation instead of opening an incident, so nobody is paged for work that was announced. An alert still open when
/// the window ends is released to triage then, with the time it was first received (legal clocks are never paused).
/// </summary>
public sealed class MaintenanceWindow
{
    public const int MaxReason = 500;

    public Guid Id { get; set; }

    /// <summary>The integration (its API key id) whose alerts the window holds.</summary>
    public Guid IntegrationId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>When it ends; ending it early moves this to the moment it was ended.</summary>
    public DateTimeOffset EndsAt { get; set; }

    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who ended it before its planned end, and when; null while it runs as planned.</summary>
    public string? EndedByName { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int Version { get; set; }

    public bool IsActiveAt(DateTimeOffset at) => StartsAt <= at && at < EndsAt;
}

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> builder)
    {
        builder.ToTable("maintenance_windows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Reason).HasMaxLength(MaintenanceWindow.MaxReason);
        builder.Property(w => w.CreatedBy).HasMaxLength(200);
        builder.Property(w => w.CreatedByName).HasMaxLength(200);
        builder.Property(w => w.EndedByName).HasMaxLength(200);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.IntegrationId, w.EndsAt });
    }
}
