using System.Collections.Concurrent;
using System.Globalization;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Schedules;
using Microsoft.Extensions.Options;
using Quartz;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// The Quartz side of escalation. The database says what is pending and when (a chain's next step or
/// acknowledgement timeout, a deadline clock's next alert); Quartz only wakes the sweep when something
/// falls due. Due times are rounded up to <see cref="EscalationOptions.TimerResolution"/>, and every
/// rounded instant that has something pending gets one trigger (<c>due-…</c>): a thousand steps due
/// together are one firing and one sweep, not a thousand firings queued on Quartz's cluster lock.
/// Misfires fire at once: a Host that was down catches up on start.
/// </summary>
public sealed class EscalationTimers(ISchedulerFactory schedulers, IOptions<EscalationOptions> options, TimeProvider time)
{
    public const string Group = "escalation";

    public static readonly JobKey Job = new("escalation-timer", Group);

    internal const string KindKey = "kind";
    internal const string TargetKey = "target";
    internal const string RoundKey = "round";
    internal const string StepKey = "step";

    /// <summary>The job data kind of a sweep trigger.</summary>
    internal const string SweepKind = "sweep";

    /// <summary>A wake-up further ahead than this cannot fire before a caller that found it stored has committed.</summary>
    private static readonly TimeSpan SafelyAhead = TimeSpan.FromSeconds(2);

    private const int RememberedLimit = 100_000;

    private readonly long _resolution = Math.Max(1, options.Value.TimerResolution.Ticks);

    /// <summary>Wake-ups this process stored or found waiting, by name, while they are safely ahead: steps firing together share one check.</summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset WakeAt, Lazy<Task<bool>> Stored)> _remembered = new(StringComparer.Ordinal);

    private long _calls;

    private long _checks;

    /// <summary>How often this process has asked Quartz about a wake-up (each a read of its store, and a write when it was missing).</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>When the sweep that fires what is due at <paramref name="dueAt"/> runs: the due time rounded up to the resolution.</summary>
    public DateTimeOffset WakeAt(DateTimeOffset dueAt)
    {
        var ticks = dueAt.UtcTicks;
        var rounded = (ticks + _resolution - 1) / _resolution * _resolution;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }

    /// <summary>The trigger that sweeps what is due at <paramref name="dueAt"/>.</summary>
    public TriggerKey KeyFor(DateTimeOffset dueAt) =>
        new($"due-{WakeAt(dueAt).ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture)}", Group);

    /// <summary>The trigger that fires the chain's pending timer, or null when it has none.</summary>
    public TriggerKey? PendingKey(EscalationChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.NextDueAt is { } due && chain.NextTimer is not null ? KeyFor(due) : null;
    }

    public TriggerKey? PendingKey(DeadlineClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.NextAlertAt is { } due ? KeyFor(due) : null;
    }

    /// <summary>Makes sure a sweep runs once the chain's pending timer is due. Call it after the chain is committed.</summary>
    public Task ScheduleAsync(EscalationChain chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.NextDueAt is { } due && chain.NextTimer is not null ? EnsureSweepAsync(due, cancellationToken) : Task.CompletedTask;
    }

    public Task ScheduleAsync(DeadlineClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.NextAlertAt is { } due ? EnsureSweepAsync(due, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Makes sure a sweep runs once each pending timer of <paramref name="chains"/> and <paramref name="clocks"/> is due:
    /// one check per distinct wake-up instant, however many share it. Call it after they are committed.
    /// </summary>
    public async Task ScheduleAsync(IEnumerable<EscalationChain> chains, IEnumerable<DeadlineClock> clocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(clocks);
        var dues = chains.Where(c => c.NextTimer is not null).Select(c => c.NextDueAt).Concat(clocks.Select(c => c.NextAlertAt)).OfType<DateTimeOffset>();
        foreach (var due in dues.DistinctBy(WakeAt).Order())
        {
            await EnsureSweepAsync(due, cancellationToken);
        }
    }

    /// <summary>
    /// Makes sure a sweep runs at or after <paramref name="dueAt"/> (within the resolution) that starts
    /// after the caller's commit. A wake-up of that instant that has not fired yet will (its sweep reads
    /// the database after this call), so it is left alone: reading its state takes no Quartz lock.
    /// Otherwise — none, or one that has already fired — it is stored (again), which takes the lock.
    /// A wake-up safely ahead that this process already stored or checked is not looked at again:
    /// a thousand steps fired together set their next wake-up with one check, not a thousand.
    /// </summary>
    /// <returns>True when a trigger was stored.</returns>
    public async Task<bool> EnsureSweepAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var key = KeyFor(dueAt);
        var wakeAt = WakeAt(dueAt);
        var now = time.GetUtcNow();
        if (wakeAt - now < SafelyAhead)
        {
            // A wake-up already past starts now: Quartz does not take a trigger due longer ago than its misfire threshold
            // (60 s) until its misfire handler's next round, up to a minute later (an overdue alert of a report filed late,
            // a step restored after an outage).
            return await StoreUnlessWaitingAsync(key, wakeAt > now ? wakeAt : now, cancellationToken);
        }

        Forget(now);
        // Lazy: of callers racing for one instant, exactly one looks at Quartz; the others wait for it.
        var remembered = _remembered.GetOrAdd(key.Name, _ => (wakeAt, new Lazy<Task<bool>>(() => StoreUnlessWaitingAsync(key, wakeAt, CancellationToken.None))));
        try
        {
            return await remembered.Stored.Value.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _remembered.TryRemove(KeyValuePair.Create(key.Name, remembered)); // the next caller tries again
            throw;
        }
    }

    /// <summary>
    /// The reconciler's check: like <see cref="EnsureSweepAsync"/>, but it always asks Quartz (a
    /// remembered wake-up may have been removed behind this process's back).
    /// </summary>
    public Task<bool> RestoreSweepAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var key = KeyFor(dueAt);
        _remembered.TryRemove(key.Name, out _);
        var wakeAt = WakeAt(dueAt);
        var now = time.GetUtcNow();
        return StoreUnlessWaitingAsync(key, wakeAt > now ? wakeAt : now, cancellationToken);
    }

    /// <summary>
    /// Makes sure a sweep runs for what was due at <paramref name="dueAt"/>, already past, not before <paramref name="retryAt"/>:
    /// for a row still due after a sweep took it up (it failed, and started at once it would fail again in a tight loop).
    /// A wake-up of that instant already waiting is left alone; the reconciler finds this one waiting and leaves it too.
    /// </summary>
    public Task<bool> RetrySweepAsync(DateTimeOffset dueAt, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        var key = KeyFor(dueAt);
        _remembered.TryRemove(key.Name, out _);
        return StoreUnlessWaitingAsync(key, retryAt, cancellationToken);
    }

    private async Task<bool> StoreUnlessWaitingAsync(TriggerKey key, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Normal)
        {
            return false;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(Job)
            .StartAt(startAt)
            .UsingJobData(KindKey, SweepKind)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
            return true;
        }
        catch (JobPersistenceException)
        {
            if (await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Normal)
            {
                return false; // another Host stored the same wake-up at the same moment
            }

            throw;
        }
    }

    /// <summary>Drops remembered wake-ups that are no longer safely ahead (and all of them if there are very many).</summary>
    private void Forget(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _calls) % 1024 != 0)
        {
            return;
        }

        if (_remembered.Count > RememberedLimit)
        {
            _remembered.Clear();
            return;
        }

        foreach (var (name, remembered) in _remembered)
        {
            if (remembered.WakeAt - now < SafelyAhead)
            {
                _remembered.TryRemove(KeyValuePair.Create(name, remembered));
            }
        }
    }
}
