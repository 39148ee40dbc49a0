using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Policy;

/// <summary>Triage keeps its rule file records (<c>triage-policy</c>, <c>legal-regimes</c>) in <c>policy_records</c>.</summary>
internal sealed class PolicyRecordConfiguration : IEntityTypeConfiguration<RuleFileRecord>
{
    public void Configure(EntityTypeBuilder<RuleFileRecord> builder) => RuleFileRecord.Configure(builder, "policy_records");
}
