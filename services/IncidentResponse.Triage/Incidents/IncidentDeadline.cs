using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>A legal reporting duty running for an incident.</summary>
public sealed class IncidentDeadline
{
    public Guid IncidentId { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public required string Regime { get; set; }

    public required string NameVi { get; set; }

    public required string NameEn { get; set; }

    public required string Basis { get; set; }

    /// <summary>Comma-separated recipient roles (committee, police, a05 …).</summary>
    public required string Recipients { get; set; }
}

internal sealed class IncidentDeadlineConfiguration : IEntityTypeConfiguration<IncidentDeadline>
{
    public void Configure(EntityTypeBuilder<IncidentDeadline> builder)
    {
        builder.ToTable("incident_deadlines");
        builder.HasKey(d => new { d.IncidentId, d.Kind });
        builder.Property(d => d.Kind).HasMaxLength(60);
        builder.Property(d => d.Regime).HasMaxLength(50);
        builder.Property(d => d.NameVi).HasMaxLength(300);
        builder.Property(d => d.NameEn).HasMaxLength(300);
        builder.Property(d => d.Basis).HasMaxLength(300);
        builder.Property(d => d.Recipients).HasMaxLength(300);
        builder.HasIndex(d => d.DueAt);
    }
}
