using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>
/// Triage's answers recorded on the reports, together when they arrive together, each once: on PostgreSQL a batch is
/// one UPDATE statement (it was one per report, a round trip each), on SQLite one per report in one transaction.
/// </summary>
public sealed class ReportTriagedConsumerTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Both => [Providers.Sqlite, Providers.Postgres];

    [Fact]
    public async Task Answers_arriving_together_are_recorded_in_one_write_and_an_answer_given_again_changes_nothing()
    {
        using var database = await SqliteIntake.CreateAsync();
        var updates = 0; // commands that update reports: one per answer when each is written alone
        var watch = new CommandWatch(c =>
        {
            if (c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref updates);
            }
        });
        var first = await AcceptAsync(database, "key-1");
        var second = await AcceptAsync(database, "key-2");
        var third = await AcceptAsync(database, "key-3");
        var (incidentA, incidentB) = (NewId.NextGuid(), NewId.NextGuid());
        var triagedAt = Requests.Now.AddMinutes(1);

        await using var services = Services(database, watch);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        ReportTriaged[] answers =
        [
            new(first, incidentA, "BN-2026-00001", false, triagedAt),
            new(second, incidentB, "BN-2026-00002", false, triagedAt),
            new(third, incidentB, "BN-2026-00002", true, triagedAt),
            new(first, incidentA, "BN-2026-00001", false, triagedAt), // delivered again
            new(first, incidentA, "BN-2026-00001", false, triagedAt.AddMinutes(5)), // triage ran it again later
        ];
        await Task.WhenAll(answers.Select(a => harness.Bus.Publish(a, Cancel)));
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.False(await harness.Published.Any<Fault<ReportTriaged>>(Cancel));
        Assert.True(Volatile.Read(ref updates) < answers.Length, $"{updates} UPDATE commands for {answers.Length} answers: not recorded together");
        await using var check = database.NewContext();
        var reports = await check.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id, Cancel);
        Assert.All(reports.Values, r => Assert.Equal(ReportStatuses.Triaged, r.Status));
        Assert.Equal((incidentA, "BN-2026-00001", false, triagedAt), Recorded(reports[first])); // the first answer's time kept
        Assert.Equal((incidentB, "BN-2026-00002", false, triagedAt), Recorded(reports[second]));
        Assert.Equal((incidentB, "BN-2026-00002", true, triagedAt), Recorded(reports[third]));
    }

    [Fact]
    public async Task A_triage_batch_is_recorded_and_again_or_overlapping_an_earlier_one_changes_nothing()
    {
        using var database = await SqliteIntake.CreateAsync();
        var writes = 0; // guarded UPDATE statements, one per answer; one already recorded matches no row
        var watch = new CommandWatch(c =>
        {
            if (c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref writes);
            }
        });
        var first = await AcceptAsync(database, "key-1");
        var second = await AcceptAsync(database, "key-2");
        var third = await AcceptAsync(database, "key-3");
        var (incidentA, incidentB) = (NewId.NextGuid(), NewId.NextGuid());
        var triagedAt = Requests.Now.AddMinutes(1);

        await using var services = Services(database, watch);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var batch = new ReportsTriaged([
            new(first, incidentA, "BN-2026-00001", false, triagedAt),
            new(second, incidentB, "BN-2026-00002", false, triagedAt),
        ]);
        await harness.Bus.Publish(batch, Cancel);
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(2, Volatile.Read(ref writes));

        await harness.Bus.Publish(batch, Cancel); // delivered again
        await harness.Bus.Publish(new ReportsTriaged([ // a later batch overlapping the first
            new(second, incidentB, "BN-2026-00002", false, triagedAt.AddMinutes(5)),
            new(third, incidentB, "BN-2026-00002", true, triagedAt),
        ]), Cancel);
        await harness.Bus.Publish(new ReportTriaged(first, incidentA, "BN-2026-00001", false, triagedAt.AddMinutes(9)), Cancel); // the old form, late
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ConsumedSoFar<ReportsTriaged>(harness) < 3 || ConsumedSoFar<ReportTriaged>(harness) == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the messages were not all consumed");
            await Task.Delay(50, Cancel);
        }

        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.False(await harness.Published.Any<Fault<ReportsTriaged>>(Cancel));
        await using var check = database.NewContext();
        var reports = await check.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id, Cancel);
        Assert.Equal((incidentA, "BN-2026-00001", false, triagedAt), Recorded(reports[first]));
        Assert.Equal((incidentB, "BN-2026-00002", false, triagedAt), Recorded(reports[second]));
        Assert.Equal((incidentB, "BN-2026-00002", true, triagedAt), Recorded(reports[third]));
        // 2 + the batch again (2) + the overlapping batch (2) + the old form (1), each read nowhere first; the
        // answers already recorded changed nothing (their times above are the first ones).
        Assert.Equal(7, Volatile.Read(ref writes));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_batch_of_answers_is_one_statement_on_PostgreSQL_and_answers_given_again_change_nothing(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var updates = 0;
        var watch = new CommandWatch(c =>
        {
            if (c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref updates);
            }
        });
        var reports = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            reports.Add(await AcceptAsync(database, $"key-{i}"));
        }

        var (incidentA, incidentB) = (NewId.NextGuid(), NewId.NextGuid());
        var triagedAt = Requests.Now.AddMinutes(1);
        await using var services = Services(database, watch);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var batch = new ReportsTriaged([.. reports.Take(4).Select((id, i) => new ReportTriaged(id, i < 2 ? incidentA : incidentB, i < 2 ? "BN-2026-00001" : "BN-2026-00002", i % 2 == 1, triagedAt))]);
        await harness.Bus.Publish(batch, Cancel);
        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var first = Volatile.Read(ref updates);

        await harness.Bus.Publish(batch, Cancel); // delivered again
        await harness.Bus.Publish(new ReportsTriaged([ // later, overlapping the first: the recorded ones keep their time
            new(reports[3], incidentB, "BN-2026-00002", true, triagedAt.AddMinutes(5)),
            new(reports[4], incidentB, "BN-2026-00002", true, triagedAt.AddMinutes(5)),
        ]), Cancel);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ConsumedSoFar<ReportsTriaged>(harness) < 3)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the batches were not all consumed");
            await Task.Delay(50, Cancel);
        }

        await harness.InactivityTask.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.False(await harness.Published.Any<Fault<ReportsTriaged>>(Cancel));
        Assert.Equal(provider == Providers.Postgres ? 1 : 4, first);
        Assert.Equal(provider == Providers.Postgres ? 3 : 10, Volatile.Read(ref updates));
        await using var check = database.Context();
        var stored = await check.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id, Cancel);
        Assert.All(stored.Values, r => Assert.Equal(ReportStatuses.Triaged, r.Status));
        Assert.Equal((incidentA, "BN-2026-00001", false, triagedAt), Recorded(stored[reports[0]]));
        Assert.Equal((incidentA, "BN-2026-00001", true, triagedAt), Recorded(stored[reports[1]]));
        Assert.Equal((incidentB, "BN-2026-00002", false, triagedAt), Recorded(stored[reports[2]]));
        Assert.Equal((incidentB, "BN-2026-00002", true, triagedAt), Recorded(stored[reports[3]])); // its first answer's time
        Assert.Equal((incidentB, "BN-2026-00002", true, triagedAt.AddMinutes(5)), Recorded(stored[reports[4]]));
    }

    /// <summary>
    /// How many <typeparamref name="T"/> the harness has consumed so far, read with a token cancelled beforehand: the
    /// harness's waiting read can deadlock with its own cancellation (see IncidentResponse.Testing.HarnessChecks).
    /// </summary>
    private static int ConsumedSoFar<T>(ITestHarness harness)
        where T : class => harness.Consumed.Select<T>(new CancellationToken(canceled: true)).Count();

    private static (Guid?, string?, bool, DateTimeOffset?) Recorded(StoredReport r) => (r.IncidentId, r.IncidentNumber, r.Correlated, r.TriagedAt);

    private static ServiceProvider Services(IIntakeDatabase database, CommandWatch watch) => new ServiceCollection()
        .AddScoped<IntakeDbContext>(_ => database.Context(watch))
        .AddMassTransitTestHarness(bus => new IntakeRole().AddConsumers(bus))
        .BuildServiceProvider(true);

    private static async Task<Guid> AcceptAsync(IIntakeDatabase database, string key)
    {
        await using var db = database.Context();
        var result = await new ReportInbox(db, TimeProvider.System).AcceptAsync(
            new Submission(ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, new ReportOrigin("api", "apikey:1", "test"), key, "hash-" + key), Cancel);
        return Assert.IsType<AcceptResult.Accepted>(result).ReportId;
    }
}
