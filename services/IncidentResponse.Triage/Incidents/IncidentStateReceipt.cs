using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>The newest state of an incident a service that keeps a copy has said it holds.</summary>
public sealed class IncidentStateReceipt
{
    public Guid IncidentId { get; set; }

    public required string Service { get; set; }

    public int StateVersion { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}

internal sealed class IncidentStateReceiptConfiguration : IEntityTypeConfiguration<IncidentStateReceipt>
{
    public void Configure(EntityTypeBuilder<IncidentStateReceipt> builder)
    {
        builder.ToTable("incident_state_receipts");
        builder.HasKey(r => new { r.IncidentId, r.Service });
        builder.Property(r => r.Service).HasMaxLength(40);
    }
}
