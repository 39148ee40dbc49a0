using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Partners;

/// <summary>A partner unit as the system knows it now: loaded from the directory file in force, or added in the database.</summary>
public sealed class Unit
{
    public required string Code { get; set; }

    public required string NameVi { get; set; }

    public required string NameEn { get; set; }

    public required string Kind { get; set; }

    public required string DutyLanguage { get; set; }

    public required string DutyTimeZone { get; set; }

    /// <summary>The duty point's channels in order, as JSON (<see cref="ContactChannel"/> list).</summary>
    public required string DutyChannels { get; set; }

    /// <summary>
    /// Where the unit takes part in drills (diễn tập), as JSON (<see cref="ContactChannel"/> list); null or empty:
    /// the unit has no exercise contact and a drill's notices for it are held, never sent to <see cref="DutyChannels"/>.
    /// </summary>
    public string? ExerciseChannels { get; set; }

    /// <summary>"directory 2026.1" for a row that a directory file owns (and updates at start), "database" otherwise.</summary>
    public required string Source { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.HasKey(u => u.Code);
        builder.Property(u => u.Code).HasMaxLength(40);
        builder.Property(u => u.NameVi).HasMaxLength(300);
        builder.Property(u => u.NameEn).HasMaxLength(300);
        builder.Property(u => u.Kind).HasMaxLength(40);
        builder.Property(u => u.DutyLanguage).HasMaxLength(5);
        builder.Property(u => u.DutyTimeZone).HasMaxLength(60);
        builder.Property(u => u.DutyChannels).HasMaxLength(4000);
        builder.Property(u => u.ExerciseChannels).HasMaxLength(4000);
        builder.Property(u => u.Source).HasMaxLength(60);
    }
}
