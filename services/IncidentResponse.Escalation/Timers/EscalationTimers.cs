using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Deadlines;
using Quartz;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// The Quartz side of escalation: one one-shot trigger per pending step, acknowledgement timeout or
/// deadline alert, named after what it is for, so scheduling it twice stores it once and a stale one
/// is recognised when it fires. Misfires fire at once: a Host that was down catches up on start.
/// </summary>
public sealed class EscalationTimers(ISchedulerFactory schedulers)
{
    public const string Group = "escalation";

    public static readonly JobKey Job = new("escalation-timer", Group);

    internal const string KindKey = "kind";
    internal const string TargetKey = "target";
    internal const string RoundKey = "round";
    internal const string StepKey = "step";

    /// <summary>The trigger of the chain's pending timer, or null when it has none.</summary>
    public static TriggerKey? PendingKey(EscalationChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.NextDueAt is null || chain.NextTimer is null
            ? null
            : new TriggerKey($"chain-{chain.Id:N}-{chain.NextTimer}-r{chain.Round}-s{chain.NextStep}", Group);
    }

    public static TriggerKey? PendingKey(DeadlineClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.NextAlertAt is null ? null : new TriggerKey($"deadline-{clock.Id:N}-a{clock.AlertsSent}", Group);
    }

    /// <summary>Stores the chain's pending trigger (replacing one of the same name).</summary>
    public Task ScheduleAsync(EscalationChain chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return PendingKey(chain) is { } key
            ? ScheduleAsync(key, chain.NextDueAt!.Value, chain.NextTimer!, chain.Id, chain.Round, chain.NextStep, cancellationToken)
            : Task.CompletedTask;
    }

    public Task ScheduleAsync(DeadlineClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return PendingKey(clock) is { } key
            ? ScheduleAsync(key, clock.NextAlertAt!.Value, TimerKinds.Deadline, clock.Id, 0, clock.AlertsSent, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Removes a trigger; nothing happens when it is already gone.</summary>
    public async Task CancelAsync(TriggerKey? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(key, cancellationToken);
    }

    public async Task<bool> ExistsAsync(TriggerKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetTrigger(key, cancellationToken) is not null;
    }

    private async Task ScheduleAsync(TriggerKey key, DateTimeOffset dueAt, string kind, Guid target, int round, int step, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(Job)
            .StartAt(dueAt)
            .UsingJobData(KindKey, kind)
            .UsingJobData(TargetKey, target.ToString("N"))
            .UsingJobData(RoundKey, round.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UsingJobData(StepKey, step.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
