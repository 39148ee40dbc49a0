using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// What became of one periodic report of one year (<c>periodic_reports</c>): submitted (to whom, how, which version) or
/// waived (why). A report with no record is still owed; its due time comes from the rules (<see cref="PeriodicReports"/>).
/// </summary>
public sealed class PeriodicReportRecord
{
    /// <summary><c>{rule id}:{year}</c>, e.g. <c>mau-05-half-year:2026</c>.</summary>
    public required string Id { get; set; }

    public required string Kind { get; set; }

    public int Year { get; set; }

    /// <summary><c>submitted</c> or <c>waived</c> (<see cref="Contracts.Vocabulary.DutyStates"/>).</summary>
    public required string State { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who recorded it: the actor's id (API key or person) and, in <see cref="By"/>, the name shown.</summary>
    public required string ById { get; set; }

    public required string By { get; set; }

    public string? SubmittedTo { get; set; }

    public string? Channel { get; set; }

    public string? DocumentVersion { get; set; }

    /// <summary>The issued version (<see cref="PeriodicDocument"/>) recorded as the one submitted, when it was issued here.</summary>
    public Guid? DocumentId { get; set; }

    public string? Note { get; set; }

    public string? WaiverReason { get; set; }
}

internal sealed class PeriodicReportRecordConfiguration : IEntityTypeConfiguration<PeriodicReportRecord>
{
    public void Configure(EntityTypeBuilder<PeriodicReportRecord> builder)
    {
        builder.ToTable("periodic_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(80);
        builder.Property(r => r.Kind).HasMaxLength(60);
        builder.Property(r => r.State).HasMaxLength(20);
        builder.Property(r => r.ById).HasMaxLength(200);
        builder.Property(r => r.By).HasMaxLength(200);
        builder.Property(r => r.SubmittedTo).HasMaxLength(500);
        builder.Property(r => r.Channel).HasMaxLength(50);
        builder.Property(r => r.DocumentVersion).HasMaxLength(200);
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.Property(r => r.WaiverReason).HasMaxLength(2000);
    }
}
