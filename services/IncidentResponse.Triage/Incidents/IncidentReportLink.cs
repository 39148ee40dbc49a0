using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>A report triaged into an incident, with the assessment it got on its own. One row per report, ever.</summary>
public sealed class IncidentReportLink
{
    public Guid ReportId { get; set; }

    public Guid IncidentId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset TriagedAt { get; set; }

    public required string Title { get; set; }

    public required string Channel { get; set; }

    public int Level { get; set; }

    public int Score { get; set; }

    public bool Serious { get; set; }

    /// <summary>The report joined an incident another report had opened.</summary>
    public bool Correlated { get; set; }

    /// <summary>The report (JSON of <c>IncidentReport</c>).</summary>
    public required string Report { get; set; }
}

internal sealed class IncidentReportLinkConfiguration : IEntityTypeConfiguration<IncidentReportLink>
{
    public void Configure(EntityTypeBuilder<IncidentReportLink> builder)
    {
        builder.ToTable("incident_reports");
        builder.HasKey(l => l.ReportId);
        builder.Property(l => l.Title).HasMaxLength(300);
        builder.Property(l => l.Channel).HasMaxLength(30);
        builder.HasIndex(l => l.IncidentId);
    }
}
