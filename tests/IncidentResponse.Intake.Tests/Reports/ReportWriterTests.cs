using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>Group commit at intake, on SQLite and on durable PostgreSQL: reports submitted together share a transaction.</summary>
public sealed class ReportWriterTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly IncidentReport Report = ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!;

    public static TheoryData<string> Both => [Providers.Sqlite, Providers.Postgres];

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Reports_submitted_while_a_commit_is_in_flight_are_stored_together_with_one_announcement(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var watch = new CommitWatch(holdFirst: true);
        await using var services = Services(database, watch);
        var writer = services.GetRequiredService<ReportWriter>();

        var first = writer.AcceptAsync(Submit("first"), Cancel);
        await watch.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var rest = Enumerable.Range(0, 40).Select(i => writer.AcceptAsync(Submit($"key-{i}"), Cancel)).ToList();
        watch.Release();
        var results = await Task.WhenAll(rest.Prepend(first));

        var ids = results.Select(r => Assert.IsType<AcceptResult.Accepted>(r).ReportId).ToHashSet();
        Assert.Equal(41, ids.Count);
        Assert.Equal(2, watch.Commits); // the first alone, then the forty that waited for it
        await using var check = database.Context();
        Assert.Equal(41, await check.Reports.CountAsync(Cancel));
        var announcements = await Announced(check);
        Assert.Equal([1, 40], announcements.Select(a => a.Reports.Count).Order());
        Assert.Equal(ids, announcements.SelectMany(a => a.Reports).Select(r => r.ReportId).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_report_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_stored(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var watch = new CommitWatch(holdFirst: true);
        await using var services = Services(database, watch);
        var writer = services.GetRequiredService<ReportWriter>();

        var first = writer.AcceptAsync(Submit("first"), Cancel);
        await watch.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var good = Enumerable.Range(0, 10).Select(i => writer.AcceptAsync(Submit($"key-{i}"), Cancel)).ToList();
        // Two files in one position: a unique index of the attachments refuses the row, for good.
        var bad = writer.AcceptAsync(Submit("bad") with { Attachments = [Attachment(), Attachment()] }, Cancel);
        good.AddRange(Enumerable.Range(10, 10).Select(i => writer.AcceptAsync(Submit($"key-{i}"), Cancel)));
        watch.Release();

        Assert.IsType<AcceptResult.Unstorable>(await bad);
        var stored = (await Task.WhenAll(good.Prepend(first))).Select(r => Assert.IsType<AcceptResult.Accepted>(r).ReportId).ToList();
        await using var check = database.Context();
        Assert.Equal(stored.Order(), await check.Reports.Select(r => r.Id).OrderBy(id => id).ToListAsync(Cancel));
        Assert.Equal(stored.ToHashSet(), (await Announced(check)).SelectMany(a => a.Reports).Select(r => r.ReportId).ToHashSet());
        Assert.False(await check.Attachments.AnyAsync(Cancel));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Idempotency_keys_repeated_in_one_batch_or_used_before_are_answered_as_separate_requests_would_be(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        Guid earlier;
        await using (var db = database.Context())
        {
            earlier = Assert.IsType<AcceptResult.Accepted>(await new ReportInbox(db, TimeProvider.System).AcceptAsync(Submit("old"), Cancel)).ReportId;
        }

        var watch = new CommitWatch(holdFirst: true);
        await using var services = Services(database, watch);
        var writer = services.GetRequiredService<ReportWriter>();
        var first = writer.AcceptAsync(Submit("first"), Cancel);
        await watch.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Task<AcceptResult>[] batch =
        [
            writer.AcceptAsync(Submit("new"), Cancel),
            writer.AcceptAsync(Submit("new"), Cancel), // a retry of the same request
            writer.AcceptAsync(Submit("new") with { RequestHash = "another" }, Cancel), // another request under its key
            writer.AcceptAsync(Submit("old"), Cancel),
            writer.AcceptAsync(Submit("old") with { RequestHash = "another" }, Cancel),
        ];
        watch.Release();
        await first;
        var results = await Task.WhenAll(batch);

        var stored = Assert.IsType<AcceptResult.Accepted>(results[0]);
        Assert.False(stored.Replayed);
        Assert.Equal(new AcceptResult.Accepted(stored.ReportId, stored.ReceivedAt, Replayed: true), results[1]);
        Assert.Equal(new AcceptResult.KeyReused(stored.ReportId), results[2]);
        Assert.Equal(earlier, Assert.IsType<AcceptResult.Accepted>(results[3]).ReportId);
        Assert.True(((AcceptResult.Accepted)results[3]).Replayed);
        Assert.Equal(new AcceptResult.KeyReused(earlier), results[4]);
        await using var check = database.Context();
        Assert.Equal(3, await check.Reports.CountAsync(Cancel)); // old, first, new
        Assert.Equal(1, (await Announced(check)).Count(a => a.Reports.Any(r => r.ReportId == stored.ReportId)));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_crash_before_the_commit_stores_nothing_and_accepts_no_one(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        await using var services = Services(database, new CommitWatch(failEvery: true));
        var writer = services.GetRequiredService<ReportWriter>();

        var submitted = Enumerable.Range(0, 6).Select(i => writer.AcceptAsync(Submit($"key-{i}"), Cancel)).ToList();

        foreach (var submission in submitted)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => submission);
        }

        await using var check = database.Context();
        Assert.False(await check.Reports.AnyAsync(Cancel));
        Assert.False(await check.OutboxMessages.AnyAsync(Cancel));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_submitter_that_stops_waiting_does_not_cancel_the_batch_its_report_is_in(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var watch = new CommitWatch(holdFirst: true);
        await using var services = Services(database, watch);
        var writer = services.GetRequiredService<ReportWriter>();
        using var hangUp = new CancellationTokenSource();

        var first = writer.AcceptAsync(Submit("first"), hangUp.Token);
        await watch.Reached.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var others = writer.AcceptAsync(Submit("other"), Cancel);
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        watch.Release();

        Assert.IsType<AcceptResult.Accepted>(await others);
        await using var check = database.Context();
        Assert.Equal(2, await check.Reports.CountAsync(Cancel)); // the one whose submitter went away included
    }

    internal static Submission Submit(string key) => new(Report, new ReportOrigin("api", "apikey:1", "test"), key, "hash-" + key);

    internal static ServiceProvider Services(IIntakeDatabase database, params IInterceptor[] interceptors) => Services(database, new IntakeOptions(), interceptors);

    internal static ServiceProvider Services(IIntakeDatabase database, IntakeOptions options, params IInterceptor[] interceptors) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(Options.Create(options))
        .AddScoped<IntakeDbContext>(_ => database.Context(interceptors))
        .AddScoped<ReportInbox>()
        .AddSingleton<ReportWriter>()
        .BuildServiceProvider(validateScopes: true);

    private static async Task<List<ReportsReceived>> Announced(IntakeDbContext db) =>
        (await db.OutboxMessages.AsNoTracking().ToListAsync(Cancel))
            .Select(m => Assert.IsType<ReportsReceived>(System.Text.Json.JsonSerializer.Deserialize(m.Body, OutboxSerializer.ResolveType(m.MessageType), OutboxSerializer.Options)))
            .ToList();

    private static ReportAttachment Attachment() => new()
    {
        Id = Guid.NewGuid(),
        Position = 1,
        FileName = "a.txt",
        ContentType = "text/plain",
        Sha256 = new string('0', 64),
    };
}
