using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.Triage.Data;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// At start-up, records each rule file version in the database. A file whose text changed while
/// its version stayed the same is refused: the Host does not become ready and says which file.
/// </summary>
public sealed class PolicyRecorder(RuleBook rules, TimeProvider time) : IDatabaseSeeder
{
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var files = rules.Policies.Select(p => new LoadedRuleFile("triage-policy", p.Content.Version, p.FileName, p.Text))
            .Concat(rules.RegimeVersions.Select(r => new LoadedRuleFile("legal-regimes", r.Content.Version, r.FileName, r.Text)));
        return services.GetRequiredService<TriageDbContext>().RecordAsync(files, time.GetUtcNow(), cancellationToken);
    }
}
