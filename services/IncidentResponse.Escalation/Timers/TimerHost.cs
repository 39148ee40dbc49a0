using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// Starts the Quartz scheduler once the database is migrated (its tables live beside escalation's),
/// then keeps the database and the triggers in step: every chain step or deadline alert the database
/// says is pending gets its trigger if it has none (a Host that died between its commit and its
/// trigger loses nothing). Overdue triggers fire at once; the database decides whether they still matter.
/// </summary>
public sealed partial class TimerHost(
    ISchedulerFactory schedulers, IServiceScopeFactory scopes, DatabaseStatus database, IOptions<EscalationOptions> options, TimeProvider time,
    ILogger<TimerHost> logger) : BackgroundService
{
    private IScheduler? _started;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WaitUntilReadyAsync(stoppingToken);
            var scheduler = await schedulers.GetScheduler(stoppingToken);
            await scheduler.Start(stoppingToken);
            _started = scheduler;
            LogStarted(logger, scheduler.SchedulerName, scheduler.SchedulerInstanceId);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var repaired = await ReconcileAsync(stoppingToken);
                if (repaired > 0)
                {
                    LogRepaired(logger, repaired);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReconcileFailed(logger, Failures.Describe(ex));
            }

            await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_started is { } scheduler)
        {
            // Jobs in flight finish their transaction; a step not yet begun stays due in the database.
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    /// <summary>Gives every pending timer the database has a wake-up if Quartz lacks it; returns how many wake-ups were stored.</summary>
    /// <remarks>
    /// Quartz is asked once for the names of all escalation triggers and the pending rows are streamed
    /// past that set, so a pass over 100,000 pending steps is a handful of queries, not 100,000 lookups.
    /// </remarks>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var timers = scope.ServiceProvider.GetRequiredService<EscalationTimers>();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(EscalationTimers.Group), cancellationToken))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var repaired = 0;
        var chains = db.Chains.AsNoTracking()
            .Where(c => c.NextDueAt != null && c.NextTimer != null && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged))
            .Select(c => c.NextDueAt!.Value)
            .AsAsyncEnumerable();
        await foreach (var due in chains.WithCancellation(cancellationToken))
        {
            repaired += await RepairAsync(timers, existing, due, cancellationToken);
        }

        var clocks = db.DeadlineClocks.AsNoTracking()
            .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null)
            .Select(c => c.NextAlertAt!.Value)
            .AsAsyncEnumerable();
        await foreach (var due in clocks.WithCancellation(cancellationToken))
        {
            repaired += await RepairAsync(timers, existing, due, cancellationToken);
        }

        return repaired;
    }

    private static async Task<int> RepairAsync(EscalationTimers timers, HashSet<string> existing, DateTimeOffset due, CancellationToken cancellationToken)
    {
        // Many pending rows share one wake-up: once stored (or found), it is in the set.
        if (!existing.Add(timers.KeyFor(due).Name))
        {
            return 0;
        }

        return await timers.RestoreSweepAsync(due, cancellationToken) ? 1 : 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation timers started (scheduler {Name}, instance {Instance})")]
    private static partial void LogStarted(ILogger logger, string name, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation timers: {Count} pending timers had no trigger and were scheduled again")]
    private static partial void LogRepaired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation timers could not be reconciled: {Reason}")]
    private static partial void LogReconcileFailed(ILogger logger, string reason);
}
