using IncidentResponse.Contracts.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Incidents;

/// <summary>
/// The newest state of an incident escalation has heard of (from <c>IncidentTriaged</c>): whether it is
/// closed decides whether an engagement's chain may run and whether the legal clocks tick; its severity and
/// serious flag choose the engagements' escalation policies. An older state arriving later is not applied.
/// </summary>
public sealed class IncidentCopy
{
    public Guid IncidentId { get; set; }

    public required string Status { get; set; }

    public int StateVersion { get; set; }

    /// <summary>The severity level 0–5 of the state held; null in copies from before it was kept.</summary>
    public int? SeverityLevel { get; set; }

    /// <summary>The serious-incident flag of the state held; null in copies from before it was kept.</summary>
    public bool? Serious { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public const string New = IncidentStatuses.New;
    public const string Closed = IncidentStatuses.Closed;

    public bool IsClosed => Status == Closed;
}

internal sealed class IncidentCopyConfiguration : IEntityTypeConfiguration<IncidentCopy>
{
    public void Configure(EntityTypeBuilder<IncidentCopy> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.IncidentId);
        builder.Property(i => i.IncidentId).ValueGeneratedNever();
        builder.Property(i => i.Status).HasMaxLength(30);
        builder.Property(i => i.StateVersion).IsConcurrencyToken();
        builder.Ignore(i => i.IsClosed);
    }
}
