using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Configuration;

/// <summary>The record of every directory, routing and disclosure version used: text and hash.</summary>
public sealed class RuleVersion : IRuleFileRecord
{
    /// <summary><c>directory</c>, <c>routing</c> or <c>tlp-disclosure</c>.</summary>
    public string Kind { get; set; } = "";

    public string Version { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTimeOffset FirstLoadedAt { get; set; }
}

internal sealed class RuleVersionConfiguration : IEntityTypeConfiguration<RuleVersion>
{
    public void Configure(EntityTypeBuilder<RuleVersion> builder)
    {
        builder.ToTable("rule_versions");
        builder.HasKey(p => new { p.Kind, p.Version });
        builder.Property(p => p.Kind).HasMaxLength(30);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.Property(p => p.FileName).HasMaxLength(200);
        builder.Property(p => p.Sha256).HasMaxLength(64);
    }
}
