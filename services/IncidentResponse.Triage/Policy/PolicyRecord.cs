using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// The record of every rule file version this system has used: its text and hash, so a decision
/// naming a version can be explained long after the file changed.
/// </summary>
public sealed class PolicyRecord : IRuleFileRecord
{
    /// <summary><c>triage-policy</c> or <c>legal-regimes</c>.</summary>
    public string Kind { get; set; } = "";

    public string Version { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTimeOffset FirstLoadedAt { get; set; }
}

internal sealed class PolicyRecordConfiguration : IEntityTypeConfiguration<PolicyRecord>
{
    public void Configure(EntityTypeBuilder<PolicyRecord> builder)
    {
        builder.ToTable("policy_records");
        builder.HasKey(p => new { p.Kind, p.Version });
        builder.Property(p => p.Kind).HasMaxLength(30);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.Property(p => p.FileName).HasMaxLength(200);
        builder.Property(p => p.Sha256).HasMaxLength(64);
    }
}
