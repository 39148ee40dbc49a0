using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Policies;

/// <summary>Escalation keeps its rule file records (<c>escalation-policies</c>, <c>schedules</c>) in <c>rule_versions</c>.</summary>
internal sealed class PolicyRecordConfiguration : IEntityTypeConfiguration<RuleFileRecord>
{
    public void Configure(EntityTypeBuilder<RuleFileRecord> builder) => RuleFileRecord.Configure(builder, "rule_versions");
}
