using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Which report took which incident number. A triage that is retried takes the number it claimed
/// before, and a number that no incident carries (its report was correlated into an incident opened at
/// the same moment, after it had claimed) is explained here rather than being a silent gap.
/// No longer written: numbers are taken inside the triage batch's transaction (see <see cref="IncidentNumbers"/>).
/// The table stays for the claims of earlier versions (expand/contract); a later release drops it.
/// </summary>
public sealed class IncidentNumberClaim
{
    public Guid ReportId { get; set; }

    public required string Number { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}

internal sealed class IncidentNumberClaimConfiguration : IEntityTypeConfiguration<IncidentNumberClaim>
{
    public void Configure(EntityTypeBuilder<IncidentNumberClaim> builder)
    {
        builder.ToTable("incident_number_claims");
        builder.HasKey(c => c.ReportId);
        builder.Property(c => c.ReportId).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(30);
        builder.HasIndex(c => c.Number).IsUnique();
    }
}
