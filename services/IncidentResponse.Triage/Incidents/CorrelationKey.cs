using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// The incident a fingerprint currently leads to. One row per fingerprint serialises correlation:
/// two reports racing with the same fingerprint cannot both open an incident.
/// </summary>
public sealed class CorrelationKey
{
    public required string Fingerprint { get; set; }

    public Guid IncidentId { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public int Version { get; set; }
}

internal sealed class CorrelationKeyConfiguration : IEntityTypeConfiguration<CorrelationKey>
{
    public void Configure(EntityTypeBuilder<CorrelationKey> builder)
    {
        builder.ToTable("correlation_keys");
        builder.HasKey(k => k.Fingerprint);
        builder.Property(k => k.Fingerprint).HasMaxLength(100);
        builder.Property(k => k.Version).IsConcurrencyToken();
    }
}
