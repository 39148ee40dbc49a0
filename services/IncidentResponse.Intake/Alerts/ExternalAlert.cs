using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Alerts;

/// <summary>
/// An alert a monitoring source raised under a dedup key, from its first trigger to its resolve.
/// While it is open, later events with the same key apply to it; after the resolve, the same key
/// opens a new alert (and so a new report, and a new incident).
/// </summary>
public sealed class ExternalAlert
{
    public Guid Id { get; set; }

    /// <summary>The integration (its API key id) that raised it.</summary>
    public Guid IntegrationId { get; set; }

    public required string Source { get; set; }

    /// <summary>events-api, alertmanager, heartbeat.</summary>
    public required string Channel { get; set; }

    public required string DedupKey { get; set; }

    /// <summary>The dedup key while the alert is open, null once resolved: unique per integration, so one open alert per key.</summary>
    public string? OpenKey { get; set; }

    public required string Status { get; set; }

    /// <summary>The report its first trigger became; triage finds the incident through it.</summary>
    public Guid ReportId { get; set; }

    public required string Summary { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Triggers received, the first included.</summary>
    public int Triggers { get; set; }

    /// <summary>Of <see cref="Triggers"/>, those already announced to triage (the first trigger is its report).</summary>
    public int TriggersAnnounced { get; set; }

    /// <summary>When a repeat was last announced; later repeats wait for <c>Intake:Machine:RepeatNoticeEvery</c>.</summary>
    public DateTimeOffset? RepeatAnnouncedAt { get; set; }

    /// <summary>
    /// The maintenance window in force when it opened: its report was then held, not triaged, and its later events change
    /// only the alert until the report is released (the window is over) or rejected (by a person, or the source resolved).
    /// </summary>
    public Guid? MaintenanceWindowId { get; set; }

    public int Version { get; set; }
}

internal sealed class ExternalAlertConfiguration : IEntityTypeConfiguration<ExternalAlert>
{
    public void Configure(EntityTypeBuilder<ExternalAlert> builder)
    {
        builder.ToTable("external_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Source).HasMaxLength(200);
        builder.Property(a => a.Channel).HasMaxLength(30);
        builder.Property(a => a.DedupKey).HasMaxLength(255);
        builder.Property(a => a.OpenKey).HasMaxLength(255);
        builder.Property(a => a.Status).HasMaxLength(20);
        builder.Property(a => a.Summary).HasMaxLength(1024);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.IntegrationId, a.OpenKey }).IsUnique();
        builder.HasIndex(a => new { a.IntegrationId, a.DedupKey });
        builder.HasIndex(a => a.ReportId);
        builder.HasIndex(a => a.MaintenanceWindowId);
    }
}
