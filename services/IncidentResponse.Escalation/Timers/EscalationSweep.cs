using System.Collections.Concurrent;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// What a wake-up trigger runs: every chain step, acknowledgement timeout and deadline alert the
/// database says is due is fired, many at once, each in its own transaction through the stepper or
/// the alerter (which re-check it, so a second sweep or a second Host changes nothing). Sweeps on one
/// Host take turns; whatever became due meanwhile is found by the next pass.
/// </summary>
public sealed partial class EscalationSweep(
    IServiceScopeFactory scopes, EscalationTimers timers, IOptions<EscalationOptions> options, TimeProvider time, ILogger<EscalationSweep> logger) : IDisposable
{
    /// <summary>How early a due time may be taken: Quartz may wake a few milliseconds before its trigger's time.</summary>
    private static readonly TimeSpan EarlyWake = TimeSpan.FromMilliseconds(20);

    private const int PageSize = 500;

    private readonly SemaphoreSlim _turn = new(1, 1);

    public void Dispose() => _turn.Dispose();

    /// <summary>Fires everything due; returns how many chains and clocks were fired (or found stale).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken, string? firedBy = null)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var tried = new HashSet<Guid>();
            var swept = await SweepChainsAsync(firedBy, tried, cancellationToken) + await SweepClocksAsync(tried, cancellationToken);
            await EnsureNextAsync(tried, cancellationToken);
            return swept;
        }
        finally
        {
            _turn.Release();
        }
    }

    private Task<int> SweepChainsAsync(string? firedBy, HashSet<Guid> tried, CancellationToken cancellationToken) =>
        DrainAsync(
            "chain",
            tried,
            async (db, horizon, stuck, cancel) => (await db.Chains.AsNoTracking()
                    .Where(c => c.NextDueAt != null && c.NextDueAt <= horizon && c.NextTimer != null
                        && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged) && !stuck.Contains(c.Id))
                    .OrderBy(c => c.NextDueAt)
                    .Select(c => new { c.Id, c.NextTimer, c.Round, c.NextStep })
                    .Take(PageSize)
                    .ToListAsync(cancel))
                .Select(c => new DueStep(c.Id, c.NextTimer!, c.Round, c.NextStep)).ToList(),
            c => c.ChainId,
            (services, c, cancel) => services.GetRequiredService<EscalationStepper>()
                .FireAsync(c.ChainId, c.Kind, c.Round, c.Step, firedBy, setWakeUp: false, cancel),
            cancellationToken,
            (services, page, cancel) => services.GetRequiredService<EscalationStepper>().TryFireTogetherAsync(page, firedBy, cancel));

    private Task<int> SweepClocksAsync(HashSet<Guid> tried, CancellationToken cancellationToken) =>
        DrainAsync(
            "deadline clock",
            tried,
            async (db, horizon, stuck, cancel) => (await db.DeadlineClocks.AsNoTracking()
                    .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null && c.NextAlertAt <= horizon && !stuck.Contains(c.Id))
                    .OrderBy(c => c.NextAlertAt)
                    .Select(c => new { c.Id, c.AlertsSent })
                    .Take(PageSize)
                    .ToListAsync(cancel))
                .Select(c => (c.Id, c.AlertsSent)).ToList(),
            c => c.Id,
            async (services, c, cancel) =>
            {
                // The alerter sets its clock's next wake-up itself: alerts are few, each fired on its own.
                await services.GetRequiredService<DeadlineAlerter>().AlertAsync(c.Id, c.AlertsSent, cancel);
                return null;
            },
            cancellationToken);

    /// <summary>
    /// Fires pages of due rows until none is due, <see cref="EscalationOptions.TimerConcurrency"/> at a time,
    /// each in a scope of its own: with <paramref name="fireTogether"/>, in transactions of
    /// <see cref="EscalationOptions.SweepBatchSize"/> rows, and one by one for a batch that could not be
    /// applied; otherwise one by one. Then sets the wake-ups of what the page made due next, one per
    /// instant. A row due again after its turn (it failed and the error is logged, or it is due again at
    /// once) is left to the next sweep, which that wake-up or <see cref="EnsureNextAsync"/> starts.
    /// </summary>
    /// <returns>How many rows were taken up (each added to <paramref name="tried"/>).</returns>
    private async Task<int> DrainAsync<T>(
        string what,
        HashSet<Guid> tried,
        Func<EscalationDbContext, DateTimeOffset, List<Guid>, CancellationToken, Task<List<T>>> readDue,
        Func<T, Guid> id,
        Func<IServiceProvider, T, CancellationToken, Task<DateTimeOffset?>> fire,
        CancellationToken cancellationToken,
        Func<IServiceProvider, IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<DateTimeOffset>?>>? fireTogether = null)
    {
        var count = 0;
        var stuck = new List<Guid>();
        var batch = fireTogether is null ? 1 : Math.Max(1, options.Value.SweepBatchSize);
        while (true)
        {
            List<T> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await readDue(scope.ServiceProvider.GetRequiredService<EscalationDbContext>(), time.GetUtcNow() + EarlyWake, stuck, cancellationToken);
            }

            if (due.Count == 0)
            {
                return count;
            }

            var fresh = new List<T>(due.Count);
            foreach (var row in due)
            {
                if (tried.Add(id(row)))
                {
                    fresh.Add(row);
                    count++;
                }
                else
                {
                    stuck.Add(id(row));
                }
            }

            var next = new ConcurrentDictionary<DateTimeOffset, DateTimeOffset>();
            await Parallel.ForEachAsync(fresh.Chunk(batch), Parallelism(cancellationToken), async (chunk, cancel) =>
            {
                if (chunk.Length > 1 && await TryTogetherAsync(what, fireTogether!, chunk, cancel) is { } together)
                {
                    foreach (var nextDue in together)
                    {
                        next.TryAdd(timers.WakeAt(nextDue), nextDue);
                    }

                    return;
                }

                foreach (var row in chunk)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    try
                    {
                        if (await fire(scope.ServiceProvider, row, cancel) is { } nextDue)
                        {
                            next.TryAdd(timers.WakeAt(nextDue), nextDue);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogFailed(logger, what, id(row), Failures.Describe(ex));
                    }
                }
            });

            foreach (var nextDue in next.Values)
            {
                await timers.EnsureSweepAsync(nextDue, cancellationToken);
            }
        }
    }

    /// <summary>One batch in a scope of its own; null when it lost a race or failed, and its rows are fired one by one.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>?> TryTogetherAsync<T>(
        string what, Func<IServiceProvider, IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<DateTimeOffset>?>> fireTogether, T[] chunk, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var fired = await fireTogether(scope.ServiceProvider, chunk, cancellationToken);
            if (fired is null)
            {
                LogBatchLost(logger, what, chunk.Length);
            }

            return fired;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad row (a policy gone from the rules directory) fails the batch: fired one by one, it fails alone and is logged there.
            LogBatchFailed(logger, what, chunk.Length, Failures.Describe(ex));
            return null;
        }
    }

    /// <summary>
    /// Belt and braces: whatever is pending next has a wake-up that has not fired yet, even if its own
    /// was taken by a sweep that woke early or stopped on an error. A row this sweep took up that is still due
    /// (it failed: a policy version gone from the rules) is tried again a reconcile interval later, not at once in a
    /// loop; one it never saw (committed since, its writer about to set its wake-up) keeps the usual wake-up.
    /// </summary>
    private async Task EnsureNextAsync(HashSet<Guid> tried, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var chain = await db.Chains.AsNoTracking()
            .Where(c => c.NextDueAt != null && c.NextTimer != null && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged))
            .OrderBy(c => c.NextDueAt).Select(c => new { c.Id, At = c.NextDueAt }).FirstOrDefaultAsync(cancellationToken);
        var clock = await db.DeadlineClocks.AsNoTracking()
            .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null)
            .OrderBy(c => c.NextAlertAt).Select(c => new { c.Id, At = c.NextAlertAt }).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var next in new[] { chain, clock })
        {
            if (next is not { At: { } at })
            {
                continue;
            }

            if (at <= now && tried.Contains(next.Id))
            {
                await timers.RetrySweepAsync(at, now + options.Value.ReconcileInterval, cancellationToken);
            }
            else
            {
                await timers.EnsureSweepAsync(at, cancellationToken);
            }
        }
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, options.Value.TimerConcurrency), CancellationToken = cancellationToken };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation sweep: a batch of {Count} {What} rows lost a race; firing them one by one")]
    private static partial void LogBatchLost(ILogger logger, string what, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation sweep: a batch of {Count} {What} rows failed; firing them one by one: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, string what, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation sweep: the {What} {Id} could not be fired; the next sweep tries again: {Reason}")]
    private static partial void LogFailed(ILogger logger, string what, Guid id, string reason);
}
