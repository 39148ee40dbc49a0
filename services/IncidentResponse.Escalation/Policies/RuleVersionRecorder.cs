using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Escalation.Policies;

/// <summary>
/// At start-up, records each escalation policies, schedules and holidays version in the database; a file whose
/// text changed under the same version is refused (the Host does not become ready and says which file).
/// </summary>
public sealed class RuleVersionRecorder(PolicyBook policies, ScheduleBook schedules, TimeProvider time) : IDatabaseSeeder
{
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var files = policies.Versions.Select(f => new LoadedRuleFile("escalation-policies", f.Content.Version, f.FileName, f.Text))
            .Concat(schedules.Versions.Select(f => new LoadedRuleFile("schedules", f.Content.Version, f.FileName, f.Text)))
            .Concat(schedules.Calendar.Versions.Select(f => new LoadedRuleFile("holidays", f.Content.Version, f.FileName, f.Text)));
        return services.GetRequiredService<EscalationDbContext>().RecordAsync(files, time.GetUtcNow(), cancellationToken);
    }
}
