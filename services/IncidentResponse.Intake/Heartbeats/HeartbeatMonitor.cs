using IncidentResponse.Access.Data;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Heartbeats;

/// <summary>
/// Looks for heartbeats past due and raises each as an alert of its integration: the heartbeat is
/// marked missed and the alert's report filed in one transaction, so several Hosts raise it once.
/// </summary>
public sealed partial class HeartbeatMonitor(
    IServiceScopeFactory scopes,
    DatabaseStatus database,
    IOptions<HeartbeatOptions> options,
    TimeProvider time,
    ILogger<HeartbeatMonitor> logger) : PeriodicWork(database, time, logger)
{
    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string What => "check heartbeats";

    protected override Task RoundAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    /// <summary>Raises every heartbeat past due; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        var alerts = scope.ServiceProvider.GetRequiredService<AlertIntake>();
        var now = Time.GetUtcNow();
        var due = await db.Heartbeats.AsNoTracking()
            .Where(h => h.Status != HeartbeatStatuses.Missed && h.DueAt < now)
            .OrderBy(h => h.DueAt).Take(50).ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var heartbeat in due)
        {
            var integration = await access.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == heartbeat.IntegrationId, cancellationToken);
            if (integration is null)
            {
                continue;
            }

            var outcome = await alerts.ApplyAsync(HeartbeatAlerts.Source(integration), AlertAction.Trigger, HeartbeatAlerts.DedupKey(heartbeat.Name),
                HeartbeatAlerts.MissedSummary(heartbeat, integration), () => AlertReport.Build(integration, HeartbeatAlerts.Missed(heartbeat, integration), HeartbeatAlerts.DedupKey(heartbeat.Name), now),
                cancellationToken,
                stage: async c =>
                {
                    // Read again inside the attempt: a ping that came in since wins.
                    var current = await db.Heartbeats.FirstOrDefaultAsync(h => h.Name == heartbeat.Name, c);
                    // Its source changed since it was read: raised under the old one, the alert could never be resolved.
                    if (current is null || current.Status == HeartbeatStatuses.Missed || current.DueAt >= now || current.IntegrationId != heartbeat.IntegrationId)
                    {
                        return false;
                    }

                    current.Status = HeartbeatStatuses.Missed;
                    current.MissedAt = now;
                    current.Version++;
                    return true;
                });
            if (outcome.Result == AlertOutcome.Held)
            {
                raised++;
                LogHeld(logger, heartbeat.Name, heartbeat.IntervalSeconds);
            }
            else if (outcome.Result != AlertOutcome.Ignored)
            {
                raised++;
                LogMissed(logger, heartbeat.Name, heartbeat.IntervalSeconds);
            }
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat {Name} missed its {Seconds} s interval: alert raised")]
    private static partial void LogMissed(ILogger logger, string name, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat {Name} missed its {Seconds} s interval during a maintenance window: alert held")]
    private static partial void LogHeld(ILogger logger, string name, int seconds);
}
