using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>What the committee manages: one or more reports of the same event, assessed and tracked.</summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    /// <summary>Human reference, e.g. <c>SC-2026-00042</c>.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    public required string Classification { get; set; }

    public required string Status { get; set; }

    public string? Resolution { get; set; }

    public int SeverityLevel { get; set; }

    /// <summary>Score of the latest automatic assessment, 0–100.</summary>
    public int Score { get; set; }

    public bool Serious { get; set; }

    /// <summary>Set when a person chose the level; the reason is on the timeline.</summary>
    public bool SeverityOverridden { get; set; }

    public required string Tlp { get; set; }

    public bool PersonalData { get; set; }

    /// <summary>
    /// The incident may harm national security or public order: a report said so or a person declared it (never
    /// unset). Triggers the police report under the rules from 1/7/2026.
    /// </summary>
    public bool NationalSecurityOrPublicOrder { get; set; }

    /// <summary>
    /// An exercise (diễn tập): no legal deadlines, notices only to exercise contacts. Set when the incident is
    /// opened and never changed: drill reports correlate only with drill incidents (see <see cref="Policy.Fingerprint"/>).
    /// </summary>
    public bool Drill { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the response ended (the incident moved to closed); the closing report falls due 5 days after.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public int ReportCount { get; set; }

    public required string Fingerprint { get; set; }

    public required string PolicyVersion { get; set; }

    public required string Regime { get; set; }

    /// <summary>The affected system as first reported (JSON of <c>AffectedSystem</c>).</summary>
    public string? AffectedSystem { get; set; }

    /// <summary>The assessment that set the current automatic level (JSON of <c>Assessment</c>).</summary>
    public required string Assessment { get; set; }

    public int TimelineLength { get; set; }

    public string? TimelineHead { get; set; }

    /// <summary>Optimistic concurrency: every change bumps it, so two writers never both win.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Rises with every change of what other services keep a copy of (see <see cref="IncidentState"/>):
    /// assessment, TLP, status, deadlines. Not moved by timeline entries that change none of it.
    /// </summary>
    public int StateVersion { get; set; }

    /// <summary>When the current state was last sent to the services that keep a copy.</summary>
    public DateTimeOffset? StatePublishedAt { get; set; }

    /// <summary>Every service that keeps a copy has answered that it holds <see cref="StateVersion"/>.</summary>
    public bool StateSynced { get; set; }

    /// <summary>
    /// The register's search index holds this incident's facts (<see cref="Register.RegisterIndex"/>): set when it is opened;
    /// incidents from before the register are indexed once by <see cref="Register.RegisterBackfill"/>.
    /// </summary>
    public bool SearchIndexed { get; set; }

    public List<IncidentDeadline> Deadlines { get; set; } = [];
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Number).HasMaxLength(30);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Classification).HasMaxLength(100);
        builder.Property(i => i.Status).HasMaxLength(30);
        builder.Property(i => i.Resolution).HasMaxLength(50);
        builder.Property(i => i.Tlp).HasMaxLength(20);
        builder.Property(i => i.Fingerprint).HasMaxLength(100);
        builder.Property(i => i.PolicyVersion).HasMaxLength(50);
        builder.Property(i => i.Regime).HasMaxLength(50);
        builder.Property(i => i.TimelineHead).HasMaxLength(64);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.SeverityLevel });
        builder.HasIndex(i => i.LastSeenAt);
        builder.HasIndex(i => i.OpenedAt);
        builder.HasIndex(i => new { i.StateSynced, i.StatePublishedAt });
        builder.HasMany(i => i.Deadlines).WithOne().HasForeignKey(d => d.IncidentId);
    }
}
