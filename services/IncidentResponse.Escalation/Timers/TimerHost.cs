using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
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

    /// <summary>
    /// Gives every pending timer due before the reconcile horizon a wake-up if Quartz lacks one; returns
    /// how many wake-ups were stored.
    /// </summary>
    /// <remarks>
    /// The database is read a page of distinct due times at a time, and Quartz's store once for the names of the
    /// wake-ups it holds, only when some instant is due within the horizon; only an instant missing there is looked at
    /// again (and stored), so a pass with nothing lost costs the same however many steps are pending. Steps
    /// due after <see cref="EscalationOptions.ReconcileHorizon"/> are looked at by a later pass, still
    /// well before they fall due: a pass over 100,000 steps due tomorrow reads no wake-up's name (it read all of them,
    /// 100,000 keys a minute, until the memory benchmark's full size showed it).
    /// </remarks>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var timers = scope.ServiceProvider.GetRequiredService<EscalationTimers>();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var horizon = time.GetUtcNow() + options.Value.ReconcileHorizon;
        var chains = db.Chains.AsNoTracking()
            .Where(c => c.NextDueAt != null && c.NextTimer != null && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged))
            .Where(c => c.NextDueAt < horizon)
            .Select(c => c.NextDueAt!.Value);
        var clocks = db.DeadlineClocks.AsNoTracking()
            .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null && c.NextAlertAt < horizon)
            .Select(c => c.NextAlertAt!.Value);

        // One look at Quartz's store for the whole pass, not one per instant (that was 2 transactions per pending instant a minute),
        // and none when nothing is due within the horizon.
        HashSet<string>? known = null;
        async Task<HashSet<string>> WaitingAsync() => known ??=
            (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(EscalationTimers.Group), cancellationToken))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        return await RepairAsync(timers, WaitingAsync, chains, cancellationToken) + await RepairAsync(timers, WaitingAsync, clocks, cancellationToken);
    }

    /// <summary>
    /// Walks the distinct due times of <paramref name="dues"/> in order, a page at a time, and stores the wake-ups that are not
    /// among those <paramref name="waiting"/> gives (asked for at the first due time found).
    /// </summary>
    private static async Task<int> RepairAsync(
        EscalationTimers timers, Func<Task<HashSet<string>>> waiting, IQueryable<DateTimeOffset> dues, CancellationToken cancellationToken)
    {
        var repaired = 0;
        string? last = null;
        DateTimeOffset? after = null;
        while (true)
        {
            var page = await (after is { } previous ? dues.Where(d => d > previous) : dues)
                .Distinct().OrderBy(d => d).Take(ReconcilePage).ToListAsync(cancellationToken);
            foreach (var due in page)
            {
                // Many due times round to one wake-up; in order, its repeats come together.
                var key = timers.KeyFor(due);
                if (key.Name == last)
                {
                    continue;
                }

                last = key.Name;
                if (!(await waiting()).Contains(key.Name) && await timers.RestoreSweepAsync(due, cancellationToken))
                {
                    repaired++;
                }
            }

            if (page.Count < ReconcilePage)
            {
                return repaired;
            }

            after = page[^1];
        }
    }

    private const int ReconcilePage = 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation timers started (scheduler {Name}, instance {Instance})")]
    private static partial void LogStarted(ILogger logger, string name, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation timers: {Count} pending timers had no trigger and were scheduled again")]
    private static partial void LogRepaired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation timers could not be reconciled: {Reason}")]
    private static partial void LogReconcileFailed(ILogger logger, string reason);
}
