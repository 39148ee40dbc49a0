using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>The last incident number given in a year.</summary>
public sealed class IncidentCounter
{
    public int Year { get; set; }

    public int Last { get; set; }
}

internal sealed class IncidentCounterConfiguration : IEntityTypeConfiguration<IncidentCounter>
{
    public void Configure(EntityTypeBuilder<IncidentCounter> builder)
    {
        builder.ToTable("incident_counters");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.Last).IsConcurrencyToken();
    }
}
