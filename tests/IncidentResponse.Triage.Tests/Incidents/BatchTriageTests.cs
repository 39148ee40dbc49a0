using System.Data.Common;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// Reports triaged together (group commit): within a batch they correlate in the order they were
/// received and take consecutive numbers; a report given twice, or triaged before, is applied once;
/// a report that cannot be triaged fails alone; and two writers at once on PostgreSQL lose nothing.
/// </summary>
public sealed class BatchTriageTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_of_one_batch_correlate_in_the_order_received_take_consecutive_numbers_and_apply_once()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext());
        var at = TimeProvider.System.GetUtcNow();
        var first = Received("Cổng dịch vụ công", at);
        var second = Received("Cổng dịch vụ công", at.AddSeconds(1));
        var other = Received("Hệ thống thư điện tử", at.AddSeconds(2));

        // Given out of order, and the first one twice.
        await TriageAsync(services, [second, other, first, first]);

        await using (var db = database.NewContext())
        {
            var incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.Number).ToListAsync(Cancel);
            Assert.Equal(["00001", "00002"], incidents.Select(i => i.Number[^5..]));
            Assert.Equal([2, 1], incidents.Select(i => i.ReportCount));
            Assert.Equal(first.Report.Title, incidents[0].Title); // opened by the report received first
            Assert.Equal(other.Report.Title, incidents[1].Title);
            var links = await db.IncidentReports.AsNoTracking().ToListAsync(Cancel);
            Assert.Equal(3, links.Count);
            Assert.Equal(incidents[0].Id, links.Single(l => l.ReportId == second.ReportId).IncidentId);
            var timeline = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incidents[0].Id).OrderBy(e => e.Sequence).ToListAsync(Cancel);
            Assert.Equal([TimelineKinds.IncidentOpened, TimelineKinds.Triaged, TimelineKinds.ReportCorrelated], timeline.Select(e => e.Kind).Take(3));
            Assert.True((await db.VerifyAsync(incidents[0], Cancel)).Valid);
            // One answer for the whole batch, and one message with a state per incident, the first saying it opened it.
            var answers = Assert.Single(await Outbox.ReadAsync<ReportsTriaged>(db)).Reports;
            Assert.Equal([first.ReportId, second.ReportId, other.ReportId], answers.Select(a => a.ReportId));
            Assert.Equal([false, true, false], answers.Select(a => a.Correlated));
            var states = Assert.Single(await Outbox.ReadAsync<IncidentsTriaged>(db)).States;
            Assert.Equal(incidents.Select(i => i.Id).Order(), states.Select(s => s.IncidentId).Order());
            Assert.All(states, s => Assert.Equal(1, s.StateVersion));
            Assert.Equal(first.ReportId, states.Single(s => s.IncidentId == incidents[0].Id).FirstReportId);
            Assert.All(states, s => Assert.Equal("api", s.ReportedVia)); // the channel of the report that opened each
            Assert.All(states, s => Assert.NotNull(s.OpenedAt));
            Assert.Empty(await Outbox.ReadAsync<IncidentTriaged>(db));
            Assert.Equal(2, await Outbox.CountAsync(db)); // no IncidentOpened, ReportTriaged, ReportCorrelated or single state
        }

        // Delivered again, alone and with a new report: the new one correlates, nothing else changes, and each
        // repeat is answered again (intake announces until it hears an answer: the first may have been lost).
        var third = Received("Cổng dịch vụ công", at.AddSeconds(3));
        await TriageAsync(services, [second]);
        await TriageAsync(services, [first, third]);

        await using (var db = database.NewContext())
        {
            Assert.Equal(4, await db.IncidentReports.CountAsync(Cancel));
            Assert.Equal([3, 1], (await db.Incidents.AsNoTracking().OrderBy(i => i.Number).ToListAsync(Cancel)).Select(i => i.ReportCount));
            var answers = await Outbox.ReadAsync<ReportsTriaged>(db);
            Assert.Equal(3, answers.Count);
            Assert.Equal([second.ReportId], answers[1].Reports.Select(a => a.ReportId));
            Assert.Equal(new[] { first.ReportId, third.ReportId }.Order(), answers[2].Reports.Select(a => a.ReportId).Order());
            var (decided, repeated) = (answers[0].Reports[0], answers[2].Reports.Single(a => a.ReportId == first.ReportId));
            Assert.Equal((decided.IncidentId, decided.IncidentNumber, decided.Correlated), (repeated.IncidentId, repeated.IncidentNumber, repeated.Correlated)); // answered as first decided
            Assert.Equal(2, (await db.Counters.AsNoTracking().SingleAsync(Cancel)).Last); // no number taken for a repeat
            Assert.Empty(await db.NumberClaims.ToListAsync(Cancel));
        }
    }

    [Fact]
    public async Task States_nobody_answered_are_sent_again_as_one_message_with_the_versions_they_had()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext());
        var at = TimeProvider.System.GetUtcNow();
        await TriageAsync(services, [Received("Hệ thống một", at), Received("Hệ thống hai", at.AddSeconds(1)), Received("Hệ thống ba", at.AddSeconds(2))]);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var resender = new IncidentStateResender(services.GetRequiredService<IServiceScopeFactory>(),
            new IncidentResponse.ServiceDefaults.Redrive.RedriveClock(
                Options.Create(new IncidentResponse.ServiceDefaults.Messaging.MessagingOptions
                {
                    Transport = IncidentResponse.ServiceDefaults.Messaging.MessagingTransport.RabbitMq,
                }), clock),
            Options.Create(new TriageOptions()), new IncidentResponse.ServiceDefaults.Data.DatabaseStatus(), clock,
            NullLogger<IncidentStateResender>.Instance);

        Assert.Equal(0, await resender.RedriveAsync(Cancel)); // not yet: the answers may be on their way
        clock.Advance(new TriageOptions().StateResendAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(3, await resender.RedriveAsync(Cancel));

        await using var db = database.NewContext();
        var sent = await Outbox.ReadAsync<IncidentsTriaged>(db);
        Assert.Equal(2, sent.Count); // the batch's, then the three again in one
        Assert.Equal(sent[0].States.Select(s => (s.IncidentId, s.StateVersion)).Order(), sent[1].States.Select(s => (s.IncidentId, s.StateVersion)).Order());
        Assert.Empty(await Outbox.ReadAsync<IncidentTriaged>(db));
        Assert.Equal(0, await resender.RedriveAsync(Cancel)); // just sent
    }

    [Fact]
    public async Task A_drill_opens_its_own_incident_with_no_legal_deadline_and_a_real_report_of_the_same_system_is_unaffected()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext());
        var at = TimeProvider.System.GetUtcNow();
        var real = Received("Cổng dịch vụ công", at);
        var drill = AsDrill(Received("Cổng dịch vụ công", at.AddSeconds(1)));
        var secondDrill = AsDrill(Received("Cổng dịch vụ công", at.AddSeconds(2)));

        await TriageAsync(services, [real, drill, secondDrill]);

        await using var db = database.NewContext();
        var incidents = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).OrderBy(i => i.Number).ToListAsync(Cancel);
        Assert.Equal(2, incidents.Count); // the drills correlate with each other, never with the real incident
        var (realIncident, drillIncident) = (incidents.Single(i => !i.Drill), incidents.Single(i => i.Drill));
        Assert.True(drillIncident.Serious, "the drill is assessed as the real one would be");
        Assert.Empty(drillIncident.Deadlines);
        Assert.Equal(2, drillIncident.ReportCount);
        Assert.NotEmpty(realIncident.Deadlines);
        Assert.Equal(1, realIncident.ReportCount);
        Assert.True(IncidentState.Of(drillIncident, at).Drill);
        Assert.Empty(IncidentState.Of(drillIncident, at).Deadlines);
        Assert.False(IncidentState.Of(realIncident, at).Drill);
    }

    [Fact]
    public async Task The_state_the_other_services_keep_says_the_serious_test_is_undetermined_until_a_person_decides()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext());
        var at = TimeProvider.System.GetUtcNow();
        // A level 4 system out of service, the owner's capacity not stated: one answer from serious.
        var report = SampleReports.DdosAsAnnounced("Cổng một cửa") with { Impact = new ImpactAssessment("high", "none", "supplemented", true, null, false) };

        await TriageAsync(services, [new ReportReceived(NewId.NextGuid(), at, "api", "Trung tâm Hành chính công", report)]);

        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).SingleAsync(Cancel);
        Assert.False(incident.Serious);
        Assert.True(IncidentState.Of(incident, at).SeriousUndetermined); // notifications' copy, its notices and the board read it
        incident.SeverityOverridden = true; // a person decided (ordinary)
        Assert.False(IncidentState.Of(incident, at).SeriousUndetermined);
    }

    [Fact]
    public async Task Reports_waiting_together_share_one_transaction_and_one_that_cannot_be_triaged_fails_alone()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var gate = new FirstCommandGate();
        await using var services = Services(() => database.NewContext(gate), new TriageOptions { Writers = 1, BatchSize = 64 });
        var batcher = services.GetRequiredService<TriageBatcher>();
        var at = TimeProvider.System.GetUtcNow();

        // The first report's batch is held at its first statement while eleven more arrive.
        var held = batcher.TriageAsync(Received("Hệ thống đầu tiên", at), Cancel);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var good = Enumerable.Range(1, 10).Select(i => Received($"Hệ thống {i}", at.AddSeconds(i))).ToList();
        var poison = new ReportReceived(NewId.NextGuid(), at, "api", "poison", null!);
        var waiting = good.Select(r => batcher.TriageAsync(r, Cancel)).ToList();
        var failing = batcher.TriageAsync(poison, Cancel);
        gate.Open();

        await held;
        await Task.WhenAll(waiting);
        await Assert.ThrowsAsync<ArgumentNullException>(() => failing);
        Assert.Equal(2, batcher.Batches); // the held one, then the eleven together (split after the failure)
        await using var db = database.NewContext();
        Assert.Equal(11, await db.IncidentReports.CountAsync(Cancel));
        Assert.False(await db.IncidentReports.AnyAsync(l => l.ReportId == poison.ReportId, Cancel));
    }

    [Fact]
    public async Task Two_writers_on_PostgreSQL_triaging_one_burst_of_duplicates_lose_no_report_and_keep_one_chain()
    {
        const int Reports = 40;
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-batch");
        await using var services = Triage(new ServiceCollection(), () => database.NewContext(), new TriageOptions { Writers = 2, BatchSize = 7 })
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<ReportReceivedConsumer>();
                bus.UsingInMemory((context, configure) =>
                {
                    configure.ConcurrentMessageLimit = Reports;
                    configure.UseMessageRetry(r => r.Immediate(10)); // as the Host retries a lost race
                    configure.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var at = TimeProvider.System.GetUtcNow();
        var reports = Enumerable.Range(0, Reports).Select(i => Received(i % 2 == 0 ? "Cổng dịch vụ công" : "Hệ thống thư điện tử", at.AddMilliseconds(i))).ToList();
        await Task.WhenAll(reports.Select(r => harness.Bus.Publish(r, Cancel)));
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(90), Cancel);

        Assert.False(await harness.Published.Any<Fault<ReportReceived>>(Cancel));
        Assert.True(services.GetRequiredService<TriageBatcher>().Batches < Reports, "reports were not triaged together");
        await using var db = database.NewContext();
        Assert.Equal(Reports, await db.IncidentReports.CountAsync(Cancel));
        var incidents = await db.Incidents.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(2, incidents.Count);
        Assert.All(incidents, i => Assert.Equal(Reports / 2, i.ReportCount));
        foreach (var incident in incidents)
        {
            var check = await db.VerifyAsync(incident, Cancel);
            Assert.True(check.Valid, string.Join("; ", check.Problems));
        }
    }

    [Fact]
    public async Task A_batch_on_PostgreSQL_copies_its_new_rows_and_they_read_back_as_SQLite_saves_them()
    {
        var postgres = await PostgresDatabase.CreateAsync(infrastructure, "triage-copy");
        using var sqlite = await SqliteDatabase.CreateAsync();
        var commands = new CommandLog();
        var at = TimeProvider.System.GetUtcNow();
        // Twelve systems, the first three reported twice more: 12 incidents, 18 links, 24 timeline entries and more.
        var batch = Enumerable.Range(0, 18).Select(i => Received($"Hệ thống {i % 12:00}", at.AddMilliseconds(i))).ToList();
        await using (var services = Services(() => postgres.NewContext(commands)))
        {
            await TriageAsync(services, batch);
        }

        await using (var services = Services(() => sqlite.NewContext()))
        {
            await TriageAsync(services, batch);
        }

        // No INSERT for the appended tables went through EF on PostgreSQL: their rows were copied.
        Assert.DoesNotContain(commands.Texts, t => t.Contains("INSERT INTO triage.timeline_entries", StringComparison.Ordinal));
        Assert.DoesNotContain(commands.Texts, t => t.Contains("INSERT INTO triage.incidents ", StringComparison.Ordinal));
        Assert.Contains(commands.Texts, t => t.Contains("INSERT INTO triage.outbox_messages", StringComparison.Ordinal));

        await using var copied = postgres.NewContext();
        await using var saved = sqlite.NewContext();
        var incidents = await copied.Incidents.AsNoTracking().Include(i => i.Deadlines).OrderBy(i => i.Number).ToListAsync(Cancel);
        var expected = await saved.Incidents.AsNoTracking().Include(i => i.Deadlines).OrderBy(i => i.Number).ToListAsync(Cancel);
        Assert.Equal(12, incidents.Count);
        Assert.Equal(
            expected.Select(i => (i.Number, i.Title, i.SeverityLevel, i.Score, i.Serious, i.Tlp, i.DetectedAt, i.ReportCount, i.Fingerprint, i.TimelineLength, i.Regime)),
            incidents.Select(i => (i.Number, i.Title, i.SeverityLevel, i.Score, i.Serious, i.Tlp, i.DetectedAt, i.ReportCount, i.Fingerprint, i.TimelineLength, i.Regime)));
        Assert.Equal(
            expected.Select(i => i.Deadlines.OrderBy(d => d.DueAt).Select(d => (d.Kind, d.DueAt)).ToList()),
            incidents.Select(i => i.Deadlines.OrderBy(d => d.DueAt).Select(d => (d.Kind, d.DueAt)).ToList()));
        Assert.All(incidents, i => Assert.NotEmpty(i.Deadlines));
        Assert.Equal(18, await copied.IncidentReports.CountAsync(Cancel));
        Assert.Equal(12, await copied.CorrelationKeys.CountAsync(Cancel));
        Assert.Equal(await saved.TimelineEntries.CountAsync(Cancel), await copied.TimelineEntries.CountAsync(Cancel));
        foreach (var incident in incidents)
        {
            var check = await copied.VerifyAsync(incident, Cancel);
            Assert.True(check.Valid, string.Join("; ", check.Problems));
        }

        // The search row's computed vector was filled in by the server, as after an INSERT.
        var found = await copied.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM triage.incident_search WHERE terms_vector @@ to_tsquery('simple', 'ddos')")
            .SingleAsync(Cancel);
        Assert.Equal(12, found);

        // Given again, the batch finds its reports triaged (and the keys copied above) and adds nothing.
        await using (var services = Services(() => postgres.NewContext()))
        {
            await TriageAsync(services, batch);
        }

        await using var again = postgres.NewContext();
        Assert.Equal(12, await again.Incidents.CountAsync(Cancel));
        Assert.Equal(18, await again.IncidentReports.CountAsync(Cancel));
    }

    /// <summary>
    /// New keys go to the right-hand end of PostgreSQL's indexes: incidents made one after another, in one batch
    /// (many in the same millisecond) and in batches apart, sort by id as they were numbered.
    /// </summary>
    [Fact]
    public async Task Incidents_made_one_after_another_sort_by_id_on_PostgreSQL_in_the_order_they_were_made()
    {
        var postgres = await PostgresDatabase.CreateAsync(infrastructure, "triage-ids");
        var at = TimeProvider.System.GetUtcNow();
        await using (var services = Services(() => postgres.NewContext()))
        {
            for (var b = 0; b < 3; b++)
            {
                await TriageAsync(services, Enumerable.Range(0, 8).Select(i => Received($"Hệ thống {b}-{i}", at.AddMilliseconds((b * 8) + i))).ToList());
                await Task.Delay(20, Cancel);
            }
        }

        await using var db = postgres.NewContext();
        var byNumber = await db.Incidents.AsNoTracking().OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(Cancel);
        var byId = await db.Incidents.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(Cancel);
        Assert.Equal(24, byNumber.Count);
        Assert.Equal(byNumber, byId);
        // Their first timeline entries too (an index on a copied id, incident_id, gains the same way).
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.Sequence == 1)
            .Join(db.Incidents, e => e.IncidentId, i => i.Id, (e, i) => new { e.Id, i.Number })
            .OrderBy(e => e.Number).Select(e => e.Id).ToListAsync(Cancel);
        var entriesById = await db.TimelineEntries.AsNoTracking().Where(e => e.Sequence == 1).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Cancel);
        Assert.Equal(24, entries.Count);
        Assert.Equal(entries, entriesById);
    }

    private static ReportReceived Received(string system, DateTimeOffset at) =>
        new(NewId.NextGuid(), at, "api", "Trung tâm Hành chính công", SampleReports.DdosAsAnnounced(system));

    private static ReportReceived AsDrill(ReportReceived message) => message with { Report = message.Report with { Drill = true } };

    private static async Task TriageAsync(IServiceProvider services, IReadOnlyCollection<ReportReceived> messages)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync(messages, Cancel);
    }

    private static ServiceProvider Services(Func<TriageDbContext> newContext, TriageOptions? options = null) =>
        Triage(new ServiceCollection(), newContext, options).BuildServiceProvider();

    /// <summary>Triage's services as the role registers them, on a test's database and options.</summary>
    private static IServiceCollection Triage(IServiceCollection services, Func<TriageDbContext> newContext, TriageOptions? options) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton(Options.Create(options ?? new TriageOptions()))
        .AddSingleton(ShippedRules.RuleBook)
        .AddSingleton<IncidentNumbers>()
        .AddSingleton<TriageBatcher>()
        .AddScoped<ReportTriage>()
        .AddScoped(_ => newContext());

    /// <summary>The text of every command the contexts it is given run.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

        public IReadOnlyCollection<string> Texts => _texts;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Holds the first statement any context runs until <see cref="Open"/>.</summary>
    private sealed class FirstCommandGate : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _first;

        public Task Reached => _reached.Task;

        public void Open() => _open.TrySetResult();

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _first, 1) == 0)
            {
                _reached.TrySetResult();
                await _open.Task;
            }

            return result;
        }
    }
}
