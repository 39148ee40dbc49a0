using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Heartbeats;

/// <summary>
/// A source that must report in: it pings at least every <see cref="IntervalSeconds"/>. A missed
/// interval raises an alert (and so an incident); the next ping writes the return on its timeline.
/// </summary>
public sealed class Heartbeat
{
    public required string Name { get; set; }

    /// <summary>The integration (its API key id) whose key must ping.</summary>
    public Guid IntegrationId { get; set; }

    public int IntervalSeconds { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastPingAt { get; set; }

    /// <summary>When the next ping is due at the latest.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? MissedAt { get; set; }

    public int Version { get; set; }
}

public static class HeartbeatStatuses
{
    /// <summary>Defined, no ping yet (the first interval runs from the definition).</summary>
    public const string Waiting = "waiting";
    public const string Up = "up";
    public const string Missed = "missed";
}

internal sealed class HeartbeatConfiguration : IEntityTypeConfiguration<Heartbeat>
{
    public void Configure(EntityTypeBuilder<Heartbeat> builder)
    {
        builder.ToTable("heartbeats");
        builder.HasKey(h => h.Name);
        builder.Property(h => h.Name).HasMaxLength(100);
        builder.Property(h => h.Status).HasMaxLength(20);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasIndex(h => new { h.Status, h.DueAt });
    }
}
