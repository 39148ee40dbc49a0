using System.Collections.Concurrent;
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
            var swept = await SweepChainsAsync(firedBy, cancellationToken) + await SweepClocksAsync(cancellationToken);
            await EnsureNextAsync(cancellationToken);
            return swept;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<int> SweepChainsAsync(string? firedBy, CancellationToken cancellationToken)
    {
        var tried = new HashSet<Guid>();
        var stuck = new List<Guid>();
        while (true)
        {
            var horizon = time.GetUtcNow() + EarlyWake;
            List<(Guid Id, string Timer, int Round, int Step)> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
                due = (await db.Chains.AsNoTracking()
                        .Where(c => c.NextDueAt != null && c.NextDueAt <= horizon && c.NextTimer != null
                            && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged) && !stuck.Contains(c.Id))
                        .OrderBy(c => c.NextDueAt)
                        .Select(c => new { c.Id, c.NextTimer, c.Round, c.NextStep })
                        .Take(PageSize)
                        .ToListAsync(cancellationToken))
                    .Select(c => (c.Id, c.NextTimer!, c.Round, c.NextStep)).ToList();
            }

            if (due.Count == 0)
            {
                return tried.Count;
            }

            // A chain due again after its turn (its step failed and the error is logged, or its next step is
            // due at once) is left to the next sweep, which the wake-up set below or by the stepper starts.
            var fresh = Fresh(due, d => d.Id, tried, stuck);
            var next = new ConcurrentDictionary<DateTimeOffset, DateTimeOffset>();
            await Parallel.ForEachAsync(fresh, Parallelism(cancellationToken), async (chain, cancel) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var stepper = scope.ServiceProvider.GetRequiredService<EscalationStepper>();
                try
                {
                    if (await stepper.FireAsync(chain.Id, chain.Timer, chain.Round, chain.Step, firedBy, setWakeUp: false, cancel) is { } nextDue)
                    {
                        next.TryAdd(timers.WakeAt(nextDue), nextDue);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, "chain", chain.Id, Failures.Describe(ex));
                }
            });

            // The page's next steps, committed above, get their wake-ups: one per instant, not one per step.
            foreach (var nextDue in next.Values)
            {
                await timers.EnsureSweepAsync(nextDue, cancellationToken);
            }
        }
    }

    private async Task<int> SweepClocksAsync(CancellationToken cancellationToken)
    {
        var tried = new HashSet<Guid>();
        var stuck = new List<Guid>();
        while (true)
        {
            var horizon = time.GetUtcNow() + EarlyWake;
            List<(Guid Id, int Alert)> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
                due = (await db.DeadlineClocks.AsNoTracking()
                        .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null && c.NextAlertAt <= horizon && !stuck.Contains(c.Id))
                        .OrderBy(c => c.NextAlertAt)
                        .Select(c => new { c.Id, c.AlertsSent })
                        .Take(PageSize)
                        .ToListAsync(cancellationToken))
                    .Select(c => (c.Id, c.AlertsSent)).ToList();
            }

            if (due.Count == 0)
            {
                return tried.Count;
            }

            var fresh = Fresh(due, d => d.Id, tried, stuck);
            await Parallel.ForEachAsync(fresh, Parallelism(cancellationToken), async (clock, cancel) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<DeadlineAlerter>().AlertAsync(clock.Id, clock.Alert, cancel);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, "deadline clock", clock.Id, Failures.Describe(ex));
                }
            });
        }
    }

    /// <summary>
    /// Belt and braces: whatever is pending next has a wake-up that has not fired yet, even if its own
    /// was taken by a sweep that woke early or stopped on an error.
    /// </summary>
    private async Task EnsureNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var chain = await db.Chains.AsNoTracking()
            .Where(c => c.NextDueAt != null && c.NextTimer != null && (c.State == ChainStates.Active || c.State == ChainStates.Acknowledged))
            .OrderBy(c => c.NextDueAt).Select(c => c.NextDueAt).FirstOrDefaultAsync(cancellationToken);
        var clock = await db.DeadlineClocks.AsNoTracking()
            .Where(c => c.State == ClockStates.Running && c.NextAlertAt != null)
            .OrderBy(c => c.NextAlertAt).Select(c => c.NextAlertAt).FirstOrDefaultAsync(cancellationToken);
        foreach (var next in new[] { chain, clock })
        {
            if (next is { } at)
            {
                await timers.EnsureSweepAsync(at, cancellationToken);
            }
        }
    }

    /// <summary>The rows not yet tried in this sweep; the others are excluded from its next pages.</summary>
    private static List<T> Fresh<T>(List<T> due, Func<T, Guid> id, HashSet<Guid> tried, List<Guid> stuck)
    {
        var fresh = new List<T>(due.Count);
        foreach (var row in due)
        {
            if (tried.Add(id(row)))
            {
                fresh.Add(row);
            }
            else
            {
                stuck.Add(id(row));
            }
        }

        return fresh;
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, options.Value.TimerConcurrency), CancellationToken = cancellationToken };

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation sweep: the {What} {Id} could not be fired; the next sweep tries again: {Reason}")]
    private static partial void LogFailed(ILogger logger, string what, Guid id, string reason);
}
