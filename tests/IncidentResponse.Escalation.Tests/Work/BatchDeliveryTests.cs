using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Incidents;
using IncidentResponse.Escalation.Tests.Chains;
using IncidentResponse.Escalation.Tests.Support;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Escalation.Tests.Work;

/// <summary>
/// Engagements and states arrive in batches and may arrive again, alone or inside a larger batch: each chain starts
/// once and every engagement is answered; a deadline that needs no clock gets none yet is shown as before; a state
/// that cannot be applied does not hold back the others of its batch. On SQLite and on PostgreSQL.
/// </summary>
public sealed class BatchDeliveryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string OneStep = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: one-step
            name: { vi: "Một bước", en: "One step" }
            steps:
              - after: 90s
                targets: [{ unit: bcd-bn }]
            repeat: "1"
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_engagements_delivered_twice_start_each_chain_once_and_are_answered_both_times(bool postgres)
    {
        await using var world = await WorldAsync(postgres);
        await using var bus = await ConsumerBus.StartAsync(world);
        var incident = NewId.NextGuid();
        var batch = new UnitsEngaged([Engaged(incident, "vnpt-bn", world), Engaged(incident, "viettel-bn", world)]);

        await bus.DeliverAsync(batch);
        await bus.DeliverAsync(batch);

        await using var db = world.NewContext();
        Assert.Equal(2, await db.Chains.CountAsync(c => c.IncidentId == incident, Cancel));
        var answers = await AnswersAsync(world);
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(batch.Engagements.Select(e => e.EngagementId), a.Chains.Select(c => c.EngagementId)));
        Assert.All(answers.SelectMany(a => a.Chains), c => Assert.Equal(ChainStates.Active, c.State));
        Assert.Empty(await db.InboxEntries.ToListAsync(Cancel));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_mixing_new_and_repeated_engagements_starts_only_the_new_ones_and_answers_all(bool postgres)
    {
        await using var world = await WorldAsync(postgres);
        await using var bus = await ConsumerBus.StartAsync(world);
        var incident = NewId.NextGuid();
        var first = Engaged(incident, "vnpt-bn", world);
        await bus.DeliverAsync(first); // a single message, as published before batches
        var firstChain = await world.ChainAsync(first.EngagementId);
        world.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = Engaged(incident, "viettel-bn", world);

        await bus.DeliverAsync(new UnitsEngaged([first with { Repeat = true }, second, second]));

        Assert.Equal(firstChain.StartedAt, (await world.ChainAsync(first.EngagementId)).StartedAt); // not started again
        Assert.Equal(ChainStates.Active, (await world.ChainAsync(second.EngagementId)).State);
        var last = (await AnswersAsync(world))[^1];
        Assert.Equal([first.EngagementId, second.EngagementId], last.Chains.Select(c => c.EngagementId));
        await using var db = world.NewContext();
        Assert.Equal(2, await db.Chains.CountAsync(c => c.IncidentId == incident, Cancel));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forty_engagements_delivered_together_start_forty_chains_due_on_their_policy_and_twice_start_none_again(bool postgres)
    {
        // Forty new chains in one save: on PostgreSQL they go in by COPY (AddedRowsCopy), on SQLite by INSERTs.
        await using var world = await WorldAsync(postgres);
        await using var bus = await ConsumerBus.StartAsync(world);
        var incidents = Enumerable.Range(0, 20).Select(_ => NewId.NextGuid()).ToList();
        var batch = new UnitsEngaged([.. incidents.SelectMany(i => new[] { Engaged(i, "vnpt-bn", world), Engaged(i, "viettel-bn", world) })]);

        await bus.DeliverAsync(batch);
        await bus.DeliverAsync(batch);

        await using var db = world.NewContext();
        var chains = await db.Chains.AsNoTracking().Where(c => incidents.Contains(c.IncidentId)).ToListAsync(Cancel);
        Assert.Equal(batch.Engagements.Select(e => e.EngagementId).Order(), chains.Select(c => c.Id).Order());
        var started = world.Clock.GetUtcNow();
        Assert.All(chains, c =>
        {
            var engaged = batch.Engagements.Single(e => e.EngagementId == c.Id);
            Assert.Equal((engaged.IncidentId, engaged.IncidentNumber, engaged.UnitCode), (c.IncidentId, c.IncidentNumber, c.UnitCode));
            Assert.Equal((ChainStates.Active, "one-step", "t.1", 1, 1), (c.State, c.PolicyId, c.PolicyVersion, c.Round, c.NextStep));
            Assert.Equal(started, c.StartedAt);
            Assert.Equal(started.AddSeconds(90), c.NextDueAt);
            Assert.Null(c.AcknowledgedAt);
        });
        Assert.All(await AnswersAsync(world), a => Assert.Equal(40, a.Chains.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forty_states_of_one_triage_batch_delivered_twice_are_applied_once_and_answered_both_times(bool postgres)
    {
        await using var world = await WorldAsync(postgres);
        await using var bus = await ConsumerBus.StartAsync(world);
        var now = world.Clock.GetUtcNow();
        var incidents = Enumerable.Range(0, 40).Select(_ => NewId.NextGuid()).ToList();
        var batch = new IncidentsTriaged([.. incidents.Select(i => State(i, 1, [Deadline("notice", now.AddHours(24))]))]);

        await bus.DeliverAsync(batch);
        await bus.DeliverAsync(batch);

        await using var db = world.NewContext();
        Assert.Equal(40, await db.Incidents.CountAsync(i => incidents.Contains(i.IncidentId) && i.StateVersion == 1, Cancel));
        var clocks = await db.DeadlineClocks.AsNoTracking().Where(c => incidents.Contains(c.IncidentId)).ToListAsync(Cancel);
        Assert.Equal(incidents.Order(), clocks.Select(c => c.IncidentId).Order()); // one clock each, not two
        var answered = (await world.PublishedAsync()).Where(m => m.Type.EndsWith(nameof(IncidentStatesApplied), StringComparison.Ordinal))
            .SelectMany(m => JsonSerializer.Deserialize<IncidentStatesApplied>(m.Body, Web)!.States).ToList();
        Assert.All(incidents, i => Assert.Equal(2, answered.Count(a => a.IncidentId == i && a.StateVersion == 1))); // each delivery answered
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deadline_due_at_once_gets_no_clock_is_shown_done_and_is_not_clocked_by_a_later_state(bool postgres)
    {
        await using var world = await WorldAsync(postgres);
        await using var bus = await ConsumerBus.StartAsync(world);
        var incident = NewId.NextGuid();
        var now = world.Clock.GetUtcNow();
        LegalDeadline[] deadlines = [Deadline("immediate-report", now), Deadline("notice", now.AddHours(24)), Deadline("waived", now.AddDays(3), DutyStates.Waived)];

        await bus.DeliverAsync(State(incident, 1, deadlines));
        world.Clock.Advance(TimeSpan.FromHours(2)); // the immediate report is now well past due
        await bus.DeliverAsync(State(incident, 2, deadlines));

        await using var db = world.NewContext();
        var clock = Assert.Single(await db.DeadlineClocks.AsNoTracking().Where(c => c.IncidentId == incident).ToListAsync(Cancel));
        Assert.Equal("notice", clock.DeadlineId);
        var shown = await ClockViews.ReadAsync(db, incident, Cancel);
        Assert.Equal(["immediate-report", "notice", "waived"], shown.Select(c => c.DeadlineId));
        Assert.Equal([ClockStates.Done, ClockStates.Running, ClockStates.Stopped], shown.Select(c => c.State));
        Assert.Equal(now, shown[0].DueAt);
        Assert.Null(shown[0].NextAlertAt);
        Assert.Equal("Hạn immediate-report", shown[0].NameVi);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task States_delivered_together_are_applied_in_one_transaction_and_a_state_that_cannot_be_saved_fails_alone(bool postgres)
    {
        await using var world = await WorldAsync(postgres);
        var (good, bad, other) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());
        world.Interceptor = new FailSavingIncident(bad);
        var counter = new WorkCounter();
        await using var db = world.NewContext();
        var consumer = new IncidentStateConsumer(db, world.Policies, world.Timers, world.Clock);
        var now = world.Clock.GetUtcNow();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            consumer.ApplyAsync([State(good, 1, [Deadline("notice", now.AddHours(24))]), State(bad, 1, []), State(other, 1, [])], Cancel));

        await using var check = world.NewContext();
        Assert.Equal([good, other], (await check.Incidents.AsNoTracking().Select(i => i.IncidentId).ToListAsync(Cancel)).Order());
        Assert.Single(await check.DeadlineClocks.AsNoTracking().ToListAsync(Cancel));

        // A batch with nothing wrong in it is one transaction, however many states.
        await using var counted = NewCountedContext(world, counter);
        await new IncidentStateConsumer(counted, world.Policies, world.Timers, world.Clock)
            .ApplyAsync([State(good, 2, []), State(other, 2, []), State(NewId.NextGuid(), 1, []), State(good, 2, [])], Cancel);
        Assert.Equal(1, counter.Transactions);
        var answers = (await world.PublishedAsync()).Where(m => m.Type.EndsWith(nameof(IncidentStatesApplied), StringComparison.Ordinal)).ToList();
        Assert.Contains(answers, a => JsonSerializer.Deserialize<IncidentStatesApplied>(a.Body, Web)!.States.Count == 3); // one per incident
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Twelve_new_incidents_applied_together_store_their_copies_and_clocks_as_a_save_would(bool postgres)
    {
        // 12 copies and 24 clocks: enough new rows that PostgreSQL gets them by COPY (AddedRowsCopy).
        await using var world = await WorldAsync(postgres);
        var now = world.Clock.GetUtcNow();
        var incidents = Enumerable.Range(0, 12).Select(_ => NewId.NextGuid()).ToList();
        LegalDeadline[] deadlines = [Deadline("immediate-report", now), Deadline("notice", now.AddHours(24)), Deadline("closing", now.AddDays(5))];
        var commands = new CommandTexts();
        world.Interceptor = commands;
        await using (var db = world.NewContext())
        {
            await new IncidentStateConsumer(db, world.Policies, world.Timers, world.Clock).ApplyAsync([.. incidents.Select(i => State(i, 1, deadlines))], Cancel);
        }

        world.Interceptor = null;
        // PostgreSQL: the new rows went by COPY, not by an INSERT a row; SQLite: by the save's INSERTs.
        Assert.Equal(postgres ? (0, 0) : (24, 12), (commands.Inserts("deadline_clocks"), commands.Inserts("incidents")));

        await using var check = world.NewContext();
        var copies = await check.Incidents.AsNoTracking().ToListAsync(Cancel);
        var clocks = await check.DeadlineClocks.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(incidents.Order(), copies.Select(c => c.IncidentId).Order());
        Assert.All(copies, c => Assert.Equal((1, 3, false, IncidentStatuses.Triage), (c.StateVersion, c.SeverityLevel, c.Serious, c.Status)));
        Assert.All(copies, c => Assert.Equal(["immediate-report"], c.SettledDeadlines!.Select(d => d.Id)));
        Assert.Equal(24, clocks.Count);
        Assert.All(incidents, i => Assert.Equal([now.AddHours(24), now.AddDays(5)], clocks.Where(c => c.IncidentId == i).Select(c => c.DueAt).Order()));
        Assert.All(clocks, c => Assert.Equal(("Hạn " + c.DeadlineId, ClockStates.Running), (c.NameVi, c.State)));

        // A later state of each finds the copied rows and changes them.
        await using (var db = world.NewContext())
        {
            await new IncidentStateConsumer(db, world.Policies, world.Timers, world.Clock)
                .ApplyAsync([.. incidents.Select(i => State(i, 2, deadlines) with { SeverityLevel = 4 })], Cancel);
        }

        await using var again = world.NewContext();
        Assert.All(await again.Incidents.AsNoTracking().ToListAsync(Cancel), c => Assert.Equal((2, 4), (c.StateVersion, c.SeverityLevel)));
        Assert.Equal(24, await again.DeadlineClocks.CountAsync(Cancel));
    }

    private static Escalation.Data.EscalationDbContext NewCountedContext(EscalationWorld world, WorkCounter counter)
    {
        world.Interceptor = counter;
        return world.NewContext();
    }

    private async Task<EscalationWorld> WorldAsync(bool postgres) =>
        await EscalationWorld.CreateAsync(OneStep, postgres: postgres ? await infrastructure.CreateDatabaseAsync(TestNames.Unique("escalation-batch")) : null);

    private static async Task<List<EscalationChainsStarted>> AnswersAsync(EscalationWorld world) =>
        [.. (await world.PublishedAsync()).Where(m => m.Type.EndsWith(nameof(EscalationChainsStarted), StringComparison.Ordinal))
            .Select(m => JsonSerializer.Deserialize<EscalationChainsStarted>(m.Body, Web)!)];

    private static UnitEngaged Engaged(Guid incident, string unit, EscalationWorld world) =>
        new(NewId.NextGuid(), incident, "SC-2026-00042", unit, unit, unit, "rule", "2026.1", 3, false, 1, world.Clock.GetUtcNow());

    private static IncidentTriaged State(Guid incident, int version, LegalDeadline[] deadlines) =>
        new(incident, "SC-2026-00042", "Tấn công DDoS", "availability:ddos", 3, 60, false, "AMBER", false, null, deadlines, "2026.1",
            EscalationWorld.Start, IncidentStatuses.Triage, version);

    private static LegalDeadline Deadline(string id, DateTimeOffset due, string state = DutyStates.Due) =>
        new(id, due, "2026.1", "Hạn " + id, "Deadline " + id, "QĐ 05", ["bcd-bn"], state);

    /// <summary>The SQL of every command a context sent (a <c>COPY</c> goes around it).</summary>
    private sealed class CommandTexts : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

        /// <summary>How many <c>INSERT</c> statements into <paramref name="table"/> the commands held.</summary>
        public int Inserts(string table) => _texts.Sum(text => System.Text.RegularExpressions.Regex.Count(
            text, $@"INSERT INTO\s+(""?escalation""?\.)?""?{table}""?\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Fails any save that would write the copy of one incident, as a state that cannot be stored would.</summary>
    private sealed class FailSavingIncident(Guid incident) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<IncidentCopy>().Any(e => e.Entity.IncidentId == incident))
            {
                throw new InvalidOperationException("this incident cannot be stored");
            }

            return ValueTask.FromResult(result);
        }
    }
}
