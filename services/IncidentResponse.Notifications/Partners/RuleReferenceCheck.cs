using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// Once this Host's databases are ready (migrated here, or by the <c>migrate</c> command with <c>Database:MigrateOnStart</c>
/// false), checks the codes the co-hosted roles' rules name (<see cref="IRuleReferences"/>: escalation policies and schedules,
/// the periodic reports' rules) against every unit and person of every directory file (future versions too) and of the
/// directory's database (units added by hand). What is missing is logged as an error and kept for <c>/health/ready</c>'s
/// <c>rule-references</c> warning; it does not stop the Host: a typo costs one alert, not every incident.
/// </summary>
public sealed partial class RuleReferenceCheck(
    IServiceScopeFactory scopes, DatabaseStatus database, NotificationRules directory, RuleReferenceProblems found, ILogger<RuleReferenceCheck> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        try
        {
            await CheckAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            found.Failed(ServiceDefaults.Failures.Describe(ex));
            LogFailed(logger, ServiceDefaults.Failures.Describe(ex));
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rules = scope.ServiceProvider.GetServices<IRuleReferences>().ToList();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var units = directory.Directories.SelectMany(d => d.Content.Units.Select(u => u.Code))
            .Concat(await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var people = directory.Directories.SelectMany(d => d.Content.People.Select(p => p.Id))
            .Concat(await db.People.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var problems = rules.SelectMany(r => r.Problems(units, people)).ToList();
        foreach (var problem in problems)
        {
            LogUnknown(logger, problem);
        }

        found.Set(problems, rules.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules name codes the partner directory does not hold: {Problem}")]
    private static partial void LogUnknown(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rules' directory codes could not be checked: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
