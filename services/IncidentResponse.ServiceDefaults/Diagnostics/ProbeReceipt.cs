using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Diagnostics;

/// <summary>Proof that a service received a pipeline probe and could write to its own store.</summary>
public sealed class ProbeReceipt
{
    public Guid ProbeId { get; set; }

    public required string Service { get; set; }

    public required string Instance { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class ProbeReceiptConfiguration : IEntityTypeConfiguration<ProbeReceipt>
{
    public void Configure(EntityTypeBuilder<ProbeReceipt> builder)
    {
        builder.ToTable("probe_receipts");
        builder.HasKey(r => new { r.ProbeId, r.Service });
        builder.Property(r => r.Service).HasMaxLength(50);
        builder.Property(r => r.Instance).HasMaxLength(200);
    }
}
