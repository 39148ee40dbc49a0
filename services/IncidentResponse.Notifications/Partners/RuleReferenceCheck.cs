using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// At start, once the directory file is synchronised into the database, checks the codes the co-hosted roles' rules name
/// (<see cref="IRuleReferences"/>: escalation policies and schedules, the periodic reports' rules) against every unit and
/// person the directory holds or held. What is missing is logged as an error and kept for <c>/health/ready</c>'s
/// <c>rule-references</c> warning; it does not stop the Host: a typo costs one alert, not every incident.
/// </summary>
public sealed partial class RuleReferenceCheck(RuleReferenceProblems found, ILogger<RuleReferenceCheck> logger) : IDatabaseSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var rules = services.GetServices<IRuleReferences>().ToList();
        var db = services.GetRequiredService<NotificationsDbContext>();
        var units = (await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var people = (await db.People.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = rules.SelectMany(r => r.Problems(units, people)).ToList();
        foreach (var problem in problems)
        {
            LogUnknown(logger, problem);
        }

        found.Set(problems, rules.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules name codes the partner directory does not hold: {Problem}")]
    private static partial void LogUnknown(ILogger logger, string problem);
}
