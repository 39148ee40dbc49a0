using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Register;

/// <summary>One search term of an incident (see <see cref="SearchText"/>): the register's index, kept by triage as the facts arrive.</summary>
public sealed class IncidentSearchTerm
{
    public Guid IncidentId { get; set; }

    public required string Term { get; set; }
}

/// <summary>A unit engaged on an incident (from notifications' <c>UnitEngaged</c>), for the register's unit filter and export.</summary>
public sealed class IncidentUnit
{
    public Guid IncidentId { get; set; }

    public required string UnitCode { get; set; }

    public DateTimeOffset EngagedAt { get; set; }
}

internal sealed class IncidentSearchTermConfiguration : IEntityTypeConfiguration<IncidentSearchTerm>
{
    public void Configure(EntityTypeBuilder<IncidentSearchTerm> builder)
    {
        builder.ToTable("incident_search_terms");
        builder.HasKey(t => new { t.IncidentId, t.Term });
        builder.Property(t => t.Term).HasMaxLength(SearchText.MaxTermLength);
        // A query word is a prefix: on PostgreSQL LIKE 'word%' uses this index whatever the database's collation.
        builder.HasIndex(t => t.Term).HasOperators("text_pattern_ops");
    }
}

internal sealed class IncidentUnitConfiguration : IEntityTypeConfiguration<IncidentUnit>
{
    public void Configure(EntityTypeBuilder<IncidentUnit> builder)
    {
        builder.ToTable("incident_units");
        builder.HasKey(u => new { u.IncidentId, u.UnitCode });
        builder.Property(u => u.UnitCode).HasMaxLength(64);
        builder.HasIndex(u => u.UnitCode);
    }
}
