using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Configuration;

/// <summary>Notifications keeps its rule file records (<c>directory</c>, <c>routing</c>, <c>tlp-disclosure</c>) in <c>rule_versions</c>.</summary>
internal sealed class RuleVersionConfiguration : IEntityTypeConfiguration<RuleFileRecord>
{
    public void Configure(EntityTypeBuilder<RuleFileRecord> builder) => RuleFileRecord.Configure(builder, "rule_versions");
}
