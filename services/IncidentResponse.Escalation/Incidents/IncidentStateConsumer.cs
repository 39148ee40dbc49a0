using System.Runtime.ExceptionServices;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Incidents;

/// <summary>
/// Follows each incident's newest state: the legal clocks run while their duties are open, closing it ends its
/// engagements' chains, and new facts (severity, serious) move running chains to the policy those facts choose
/// (<see cref="PolicySwitch"/>). States may arrive in any order; one older than the state held changes nothing, so
/// the state's version makes a repeat harmless (no inbox). States arriving together are applied together: one
/// transaction and one <see cref="IncidentStatesApplied"/> answer for up to <see cref="BatchLimit"/>, every incident
/// answered with the version held; a batch that fails is applied again in halves, so one bad state fails alone.
/// </summary>
public sealed class IncidentStateConsumer(EscalationDbContext db, PolicyBook policies, EscalationTimers timers, TimeProvider time) :
    IConsumer<Batch<IncidentTriaged>>, IConsumer<IncidentsTriaged>
{
    public const string Service = "escalation";

    /// <summary>At most this many states are applied in one transaction.</summary>
    public const int BatchLimit = 32;

    /// <summary>How long the first state of a batch waits for others before the batch is applied.</summary>
    public static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(20);

    public Task Consume(ConsumeContext<Batch<IncidentTriaged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ApplyAsync([.. context.Message.Select(m => m.Message)], context.CancellationToken);
    }

    /// <summary>A triage batch's states (or a page sent again), applied together as states consumed together are.</summary>
    public async Task Consume(ConsumeContext<IncidentsTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var part in context.Message.States.Chunk(BatchLimit))
        {
            await ApplyAsync(part, context.CancellationToken);
        }
    }

    /// <summary>Applies the states, then sets the wake-ups of the clocks and chains they changed.</summary>
    public async Task ApplyAsync(IReadOnlyList<IncidentTriaged> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        var (changed, failure) = await BatchHalves.ApplyAsync(db, states,
            part => db.RetryOnConflictAsync(() => ApplyTogetherAsync(part, cancellationToken), cancellationToken, tries: 10));

        // A wake-up set for an old time may stay: it finds nothing due then and does nothing.
        await timers.ScheduleAsync(changed.SelectMany(c => c.Chains), changed.SelectMany(c => c.Clocks), cancellationToken);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>What a batch adds, parents first.</summary>
    private static readonly Type[] NewRows = [typeof(IncidentCopy), typeof(DeadlineClock)];

    private async Task<IReadOnlyCollection<Changes>> ApplyTogetherAsync(IReadOnlyList<IncidentTriaged> states, CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        var ids = states.Select(s => s.IncidentId).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var copies = await db.Incidents.Where(i => ids.Contains(i.IncidentId)).ToDictionaryAsync(i => i.IncidentId, cancel);
        var applying = ids.Where(id => states.Any(s => s.IncidentId == id && Newer(s, copies.GetValueOrDefault(id)))).ToList();
        var clocks = applying.Count == 0
            ? []
            : await db.DeadlineClocks.Where(c => applying.Contains(c.IncidentId)).ToListAsync(cancel);
        var clocksOf = applying.ToDictionary(id => id, id => clocks.Where(c => c.IncidentId == id).ToList());
        var changedClocks = new List<DeadlineClock>();
        var applied = new List<(IncidentTriaged State, bool Closed, bool FactsChanged)>();
        foreach (var state in states)
        {
            var copy = copies.GetValueOrDefault(state.IncidentId);
            if (!Newer(state, copy))
            {
                continue;
            }

            if (copy is null)
            {
                copy = new IncidentCopy { IncidentId = state.IncidentId, Status = state.Status ?? IncidentCopy.New };
                db.Incidents.Add(copy);
                copies[state.IncidentId] = copy;
            }

            var factsChanged = copy.SeverityLevel != state.SeverityLevel || copy.Serious != state.Serious;
            copy.Status = state.Status ?? copy.Status;
            copy.SeverityLevel = state.SeverityLevel;
            copy.Serious = state.Serious;
            copy.StateVersion = Math.Max(copy.StateVersion, state.StateVersion);
            copy.UpdatedAt = now;
            var added = new List<DeadlineClock>();
            var settled = copy.SettledDeadlines?.ToList() ?? [];
            changedClocks.AddRange(DeadlineClockChanges.Apply(state, clocksOf[state.IncidentId], policies, now, added, settled).Except(changedClocks));
            copy.SettledDeadlines = settled.Count == 0 ? null : settled;
            db.DeadlineClocks.AddRange(added);
            applied.Add((state, copy.IsClosed, factsChanged));
        }

        var changedChains = await ApplyToChainsAsync(applied, now, cancel);
        var answers = ids.Select(id => new IncidentStateApplied(id, copies[id].StateVersion, Service, now)).ToList();
        db.PublishAfterCommit(new IncidentStatesApplied(answers), now);
        // New copies and clocks only ever added here (by COPY on PostgreSQL when a batch has enough, see AddedRowsCopy).
        await db.SaveChangesCopyingAsync(NewRows, cancel);
        await transaction.CommitAsync(cancel);
        return [new Changes(changedChains, changedClocks)];
    }

    /// <summary>
    /// Closing ends the incident's chains; other facts may choose another policy for the engagements still escalating
    /// (<see cref="PolicySwitch"/>). Applied in the order of the states, with one read of the chains concerned.
    /// </summary>
    private async Task<List<EscalationChain>> ApplyToChainsAsync(
        List<(IncidentTriaged State, bool Closed, bool FactsChanged)> applied, DateTimeOffset now, CancellationToken cancel)
    {
        var concerned = applied.Where(a => a.Closed || a.FactsChanged).Select(a => a.State.IncidentId).Distinct().ToList();
        var changed = new List<EscalationChain>();
        if (concerned.Count == 0)
        {
            return changed;
        }

        var chains = await db.Chains.Where(c => concerned.Contains(c.IncidentId) && c.State != ChainStates.Ended).ToListAsync(cancel);
        foreach (var (state, closed, factsChanged) in applied)
        {
            foreach (var chain in chains.Where(c => c.IncidentId == state.IncidentId))
            {
                var moved = false;
                if (closed && ChainTransitions.End(chain, now))
                {
                    chain.Version++;
                    moved = true;
                }
                else if (!closed && factsChanged && chain.State is ChainStates.Active or ChainStates.Acknowledged)
                {
                    moved = PolicySwitch.Apply(chain, policies, state.SeverityLevel, state.Serious, now);
                }

                if (moved && !changed.Contains(chain))
                {
                    changed.Add(chain);
                }
            }
        }

        return changed;
    }

    /// <summary>Whether <paramref name="state"/> is to be applied over <paramref name="copy"/> (a state from before versions always is).</summary>
    private static bool Newer(IncidentTriaged state, IncidentCopy? copy) =>
        copy is null || state.StateVersion == 0 || state.StateVersion > copy.StateVersion;

    private sealed record Changes(List<EscalationChain> Chains, List<DeadlineClock> Clocks);
}

/// <summary>How the Host and the tests register <see cref="IncidentStateConsumer"/>: states arriving together are applied together.</summary>
public static class IncidentStateRegistration
{
    public static void AddIncidentStateConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<IncidentStateConsumer>(c => c.Options<BatchOptions>(o => o
            .SetMessageLimit(IncidentStateConsumer.BatchLimit)
            .SetTimeLimit(IncidentStateConsumer.BatchWait)));
    }
}
