using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Incidents;

/// <summary>
/// The newest state of an incident this service has heard of (from <c>IncidentTriaged</c>): what every
/// notice, page, reminder and portal view says about the incident, so none of them tells an older TLP,
/// severity or status than the incident has when it is sent.
/// </summary>
public sealed class IncidentCopy
{
    public Guid IncidentId { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public required string Classification { get; set; }

    public int SeverityLevel { get; set; }

    public bool Serious { get; set; }

    /// <summary>
    /// The serious-incident test lacks a fact to decide and no person has decided ("Chưa xác định"); null until a state that
    /// carries it arrives (a copy kept before it was), and notices then say nothing of it.
    /// </summary>
    public bool? SeriousUndetermined { get; set; }

    public required string Tlp { get; set; }

    public bool PersonalData { get; set; }

    /// <summary>An exercise (diễn tập): its notices go only to exercise contacts, marked as such.</summary>
    public bool Drill { get; set; }

    public string? AffectedSystem { get; set; }

    public string? OwnerAgency { get; set; }

    /// <summary>The affected system's ISP as the incident names it (routing's <c>isp</c>); null in copies from before it was kept.</summary>
    public string? Isp { get; set; }

    /// <summary>The legal deadlines as JSON of <c>LegalDeadline[]</c>.</summary>
    public required string Deadlines { get; set; }

    public required string Status { get; set; }

    /// <summary>The version of the state held; an older state arriving later is not applied.</summary>
    public int StateVersion { get; set; }

    /// <summary>
    /// Moves with every write of the copy that must not cross another: a state applied (a close cancels the incident's
    /// pending notices) and an engagement taken on or handed over (which adds one). Either committing first makes the other
    /// try again on fresh state, whichever order they read in; <see cref="StateVersion"/> cannot serve, an equal or older
    /// state being skipped by it.
    /// </summary>
    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the incident was opened (from the state that opened it; else when this copy was made): response analytics count incidents by it.</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>When the held state closed the incident (that state's time); null while it is open or reopened.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>How the report that opened the incident came in (a <c>ReportChannels</c> name; null for incidents copied before it was told).</summary>
    public string? ReportedVia { get; set; }
}

internal sealed class IncidentCopyConfiguration : IEntityTypeConfiguration<IncidentCopy>
{
    public void Configure(EntityTypeBuilder<IncidentCopy> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.IncidentId);
        builder.Property(i => i.IncidentId).ValueGeneratedNever();
        builder.Property(i => i.Number).HasMaxLength(40);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Classification).HasMaxLength(100);
        builder.Property(i => i.Tlp).HasMaxLength(20);
        builder.Property(i => i.AffectedSystem).HasMaxLength(500);
        builder.Property(i => i.OwnerAgency).HasMaxLength(500);
        builder.Property(i => i.Isp).HasMaxLength(500);
        builder.Property(i => i.Status).HasMaxLength(30);
        builder.Property(i => i.ReportedVia).HasMaxLength(30);
        builder.Property(i => i.StateVersion).IsConcurrencyToken();
        builder.Property(i => i.Revision).IsConcurrencyToken().HasDefaultValue(0);
        builder.HasIndex(i => i.OpenedAt);
    }
}
