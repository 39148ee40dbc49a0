using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Intake.Systems;

/// <summary>
/// An information system of the province's register, kept by the committee's coordinators: a report that names its
/// <see cref="Code"/> gets the affected system's fields it left blank from here (<see cref="SystemRegister"/>). Never
/// deleted: a retired system is inactive, so reports that named it still read right.
/// </summary>
public sealed class InformationSystem
{
    public const int MaxCode = 40;
    public const int MaxLevelApproval = 300;

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? OwnerAgency { get; set; }

    public string? Operator { get; set; }

    /// <summary>The approved security level, 1–5 (cấp độ, NĐ 85/2016).</summary>
    public int? SecurityLevel { get; set; }

    /// <summary>The decision that approved the level (số, ngày quyết định phê duyệt cấp độ).</summary>
    public string? LevelApproval { get; set; }

    /// <summary>On the national list of critical information systems (danh mục hệ thống thông tin quan trọng quốc gia).</summary>
    public bool NationalCritical { get; set; }

    public string? Isp { get; set; }

    public string? SecurityProvider { get; set; }

    /// <summary>JSON arrays of strings.</summary>
    public required string Domains { get; set; }

    public required string Ips { get; set; }

    public required string Services { get; set; }

    public string? OperatingSystem { get; set; }

    public string? Purpose { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public int Version { get; set; }
}

internal sealed class InformationSystemConfiguration : IEntityTypeConfiguration<InformationSystem>
{
    public void Configure(EntityTypeBuilder<InformationSystem> builder)
    {
        builder.ToTable("information_systems");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(InformationSystem.MaxCode);
        builder.Property(s => s.Name).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.OwnerAgency).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.Operator).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.LevelApproval).HasMaxLength(InformationSystem.MaxLevelApproval);
        builder.Property(s => s.Isp).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.SecurityProvider).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.OperatingSystem).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.Purpose).HasMaxLength(Reports.ReportValidation.MaxText);
        builder.Property(s => s.UpdatedBy).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
