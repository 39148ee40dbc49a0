using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Fires a chain's due step: in one transaction it checks that the chain still waits for exactly
/// this step, records the step (once per chain, round and step), asks notifications to page the
/// resolved targets (or records the skip) and moves the chain on; then it sets the next timer.
/// </summary>
public sealed partial class EscalationStepper(
    EscalationDbContext db, PolicyBook policies, TargetResolver resolver, EscalationTimers timers, TimeProvider time, ILogger<EscalationStepper> logger,
    Metrics.EscalationMetrics? metrics = null)
{
    /// <summary>Fires what the timer <paramref name="kind"/> for (<paramref name="round"/>, <paramref name="step"/>) stands for, if the chain still waits for it; <paramref name="firedBy"/> names the scheduler that fired it (this process when null).</summary>
    public Task FireAsync(Guid chainId, string kind, int round, int step, CancellationToken cancellationToken, string? firedBy = null) =>
        FireAsync(chainId, kind, round, step, firedBy, setWakeUp: true, cancellationToken);

    /// <summary>
    /// Fires as above; returns when the chain's next timer is due (null when nothing fired or nothing is
    /// pending). With <paramref name="setWakeUp"/> false the caller sets that wake-up itself (the sweep
    /// sets one per instant for a whole page of steps, so no step waits on Quartz).
    /// </summary>
    public async Task<DateTimeOffset?> FireAsync(
        Guid chainId, string kind, int round, int step, string? firedBy, bool setWakeUp, CancellationToken cancellationToken)
    {
        var moved = await db.RetryOnConflictAsync(() => TryFireAsync(new DueStep(chainId, kind, round, step), firedBy ?? HostInstance.Name, cancellationToken), cancellationToken);
        if (moved is not null && setWakeUp)
        {
            await timers.ScheduleAsync(moved, cancellationToken);
        }

        return moved?.NextTimer is null ? null : moved.NextDueAt;
    }

    /// <summary>
    /// Fires a page of due chains in one transaction: for each the checks and effects of
    /// <see cref="FireAsync(Guid, string, int, int, string?, bool, CancellationToken)"/>, then one save for
    /// all. Returns when the fired chains' next timers are due; null when the save lost a race (a chain
    /// changed after it was read, or another Host fired one of its steps first): then nothing of the page
    /// was applied, and the caller fires the chains one by one, each re-checked.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>?> TryFireTogetherAsync(IReadOnlyList<DueStep> page, string? firedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ids = page.Select(d => d.ChainId).ToList();
        var chains = await db.Chains.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = time.GetUtcNow();
        var fired = new List<(EscalationChain Chain, FiredStep Firing)>(page.Count);
        foreach (var due in page)
        {
            var chain = chains.GetValueOrDefault(due.ChainId);
            if (Step(chain, due, firedBy ?? HostInstance.Name, now) is { } firing)
            {
                fired.Add((chain!, firing));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Conflicts.IsConflict(ex))
        {
            db.ChangeTracker.Clear();
            return null;
        }

        foreach (var (chain, firing) in fired)
        {
            LogFired(logger, chain.IncidentNumber, chain.UnitCode, firing.Round, firing.Step, firing.Outcome);
            metrics?.StepFired(firing.DueAt, firing.FiredAt);
        }

        return fired.Where(f => f.Chain.NextTimer is not null && f.Chain.NextDueAt is not null).Select(f => f.Chain.NextDueAt!.Value).ToList();
    }

    private async Task<EscalationChain?> TryFireAsync(DueStep due, string firedBy, CancellationToken cancellationToken)
    {
        var chain = await db.Chains.FirstOrDefaultAsync(c => c.Id == due.ChainId, cancellationToken);
        if (Step(chain, due, firedBy, time.GetUtcNow()) is not { } firing)
        {
            return null;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogFired(logger, chain!.IncidentNumber, chain.UnitCode, firing.Round, firing.Step, firing.Outcome);
        metrics?.StepFired(firing.DueAt, firing.FiredAt);
        return chain;
    }

    /// <summary>
    /// Applies <paramref name="due"/> to the tracked <paramref name="chain"/> if the chain still waits for
    /// exactly that timer: records the step, asks for the pages and moves the chain on. Null when there is
    /// nothing to do (stale timer, acknowledged or ended chain).
    /// </summary>
    private FiredStep? Step(EscalationChain? chain, DueStep due, string firedBy, DateTimeOffset now)
    {
        if (chain is null || chain.NextTimer != due.Kind || chain.Round != due.Round || chain.NextStep != due.Step || chain.NextDueAt is not { } dueAt)
        {
            LogStale(logger, due.ChainId, due.Kind, due.Round, due.Step);
            return null;
        }

        var policy = policies.Find(chain.PolicyId, chain.PolicyVersion)
            ?? throw new InvalidOperationException($"escalation policy {chain.PolicyId} version {chain.PolicyVersion} is no longer in the rules directory");
        var retrigger = false;
        if (due.Kind == TimerKinds.AcknowledgementTimeout)
        {
            if (chain.State != ChainStates.Acknowledged)
            {
                return null;
            }

            // Nobody accepted, declined or resolved in time: the chain starts again from its first step, at once.
            retrigger = true;
            chain.State = ChainStates.Active;
            chain.Round++;
            chain.NextStep = 1;
        }
        else if (chain.State != ChainStates.Active)
        {
            return null;
        }

        var firing = Fire(chain, policy, chain.Round, chain.NextStep, retrigger, dueAt, now, firedBy);
        Advance(chain, policy, now);
        chain.Version++;
        return firing;
    }

    private FiredStep Fire(EscalationChain chain, EscalationPolicy policy, int round, int step, bool retrigger, DateTimeOffset dueAt, DateTimeOffset now, string firedBy)
    {
        var definition = policy.Steps[step - 1];
        var (targets, skipped) = resolver.Resolve(definition.Targets, chain.UnitCode, now, (chain.UnitNameVi, chain.UnitNameEn));
        var firing = new FiredStep
        {
            Id = RowIds.Next(),
            ChainId = chain.Id,
            Round = round,
            Step = step,
            Retrigger = retrigger,
            DueAt = dueAt,
            FiredAt = now,
            Outcome = targets.Count > 0 ? "paged" : "skipped",
            Detail = JsonSerializer.Serialize(new { targets, skipped = skipped.Select(s => s.En) }),
            FiredBy = firedBy.Length > 100 ? firedBy[..100] : firedBy,
            RequestedAt = targets.Count > 0 ? now : null,
        };
        db.FiredSteps.Add(firing);
        chain.LastFiredRound = round;
        chain.LastFiredStep = step;
        chain.LastFiredAt = now;
        if (skipped.Count > 0 && targets.Count == 0)
        {
            db.PublishAfterCommit(new EscalationStepSkipped(chain.Id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, round, step,
                StepSkipReasons.NoOnCall, string.Join("; ", skipped.Select(s => s.Vi)), string.Join("; ", skipped.Select(s => s.En)), now,
                UnitNameVi: chain.UnitNameVi, UnitNameEn: chain.UnitNameEn), now);
        }

        if (targets.Count > 0)
        {
            db.PublishAfterCommit(new EscalationStepDue(chain.Id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, chain.PolicyVersion,
                round, step, retrigger, targets, dueAt, now), now);
        }

        return firing;
    }

    /// <summary>Sets the chain's next step and when it is due: the next step, the first again for a repeat, or nothing when the policy is done.</summary>
    internal void Advance(EscalationChain chain, EscalationPolicy policy, DateTimeOffset now)
    {
        var next = chain.NextStep + 1;
        if (next > policy.Steps.Count)
        {
            if (policy.Rounds is { } rounds && chain.Round - chain.RoundsBefore >= rounds)
            {
                chain.State = ChainStates.Exhausted;
                chain.NextDueAt = null;
                chain.NextTimer = null;
                db.PublishAfterCommit(new EscalationExhausted(chain.Id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, chain.Round, now,
                    chain.UnitNameVi, chain.UnitNameEn), now);
                return;
            }

            chain.Round++;
            next = 1;
        }

        chain.NextStep = next;
        chain.NextTimer = TimerKinds.Step;
        chain.NextDueAt = now + policy.Steps[next - 1].Delay;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation timer {Kind} r{Round} s{Step} of chain {Chain} is stale; nothing to do")]
    private static partial void LogStale(ILogger logger, Guid chain, string kind, int round, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation of {Incident} for unit {Unit}: round {Round} step {Step} {Outcome}")]
    private static partial void LogFired(ILogger logger, string incident, string unit, int round, int step, string outcome);
}
