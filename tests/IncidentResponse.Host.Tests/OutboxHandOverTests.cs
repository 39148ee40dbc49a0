using System.Collections.Concurrent;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A commit that wrote outbox messages hands them to this Host's relay: their rows are saved claimed by the
/// Host (no poll of any Host takes them), the messages are published without being read back, and the rows
/// are deleted later, many in one statement. Only a committed transaction hands anything over.
/// The poll interval here is ten minutes, so whatever is published went by hand-over.
/// </summary>
public sealed class OutboxHandOverTests
{
    private const string ApiKey = "outbox-hand-over-tests-key-0123456789";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_committed_message_is_saved_claimed_by_the_Host_published_at_once_and_its_row_deleted_after_the_settle_delay()
    {
        using var data = new TempDirectory();
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake", settings: Settings(), customization: PipelineSmokeTests.Collecting(answers));
        await WaitAttachedAsync(host);
        var owner = host.Services.GetRequiredService<HostIdentity>().ClaimOwner;
        var probe = Guid.NewGuid();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.PublishAfterCommit(new PipelineProbeAnswered(probe, "hand-over", "test", TimeProvider.System.GetUtcNow()), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
        }

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == probe)), n => n == 1, TimeSpan.FromSeconds(5), "the message published without a poll");
        var row = await RowsAsync(host);
        // Published, not yet settled: still this Host's claim (unless the settle delay has just passed).
        Assert.All(row, r => Assert.Equal(owner, r.ClaimedBy));
        await Eventually.MatchesAsync(() => RowsAsync(host), rows => rows.Count == 0, TimeSpan.FromSeconds(10), "the row deleted once settled");
        await Task.Delay(500, Cancel);
        Assert.Single(answers.Received, a => a.ProbeId == probe);
    }

    [Fact]
    public async Task A_message_saved_in_a_transaction_that_rolled_back_is_never_published_and_the_next_commit_of_the_same_context_is()
    {
        using var data = new TempDirectory();
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake", settings: Settings(), customization: PipelineSmokeTests.Collecting(answers));
        await WaitAttachedAsync(host);
        var (rolledBack, abandoned, committed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
            {
                db.PublishAfterCommit(Answer(rolledBack), TimeProvider.System.GetUtcNow());
                await db.SaveChangesAsync(Cancel);
                await transaction.RollbackAsync(Cancel);
            }

            db.ChangeTracker.Clear();
            await using (await db.Database.BeginTransactionAsync(Cancel))
            {
                db.PublishAfterCommit(Answer(abandoned), TimeProvider.System.GetUtcNow());
                await db.SaveChangesAsync(Cancel);
                // Disposed without a commit, as when the code between save and commit throws.
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
            {
                db.PublishAfterCommit(Answer(committed), TimeProvider.System.GetUtcNow());
                await db.SaveChangesAsync(Cancel);
                await transaction.CommitAsync(Cancel);
            }
        }

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == committed)), n => n == 1, TimeSpan.FromSeconds(5), "the committed message");
        await Task.Delay(1500, Cancel);
        Assert.DoesNotContain(answers.Received, a => a.ProbeId == rolledBack || a.ProbeId == abandoned);
        Assert.Single(answers.Received, a => a.ProbeId == committed);
    }

    [Theory]
    [InlineData("00:00:01", 1)]
    [InlineData("00:00:00", 3)]
    public async Task Answers_of_three_commits_within_the_coalesce_delay_go_as_one_message_with_every_element_and_each_alone_without_it(string delay, int messages)
    {
        using var data = new TempDirectory();
        var answers = new StateAnswers();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake",
            settings: new Dictionary<string, string>(Settings()) { ["Outbox:CoalesceDelay"] = delay },
            customization: new HostCustomization { ConfigureBuilder = b => b.Services.AddSingleton(answers), ConfigureBus = bus => bus.AddConsumer<StateAnswersConsumer>() });
        await WaitAttachedAsync(host);
        var incidents = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        foreach (var incident in incidents)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.PublishAfterCommit(new IncidentStatesApplied([new IncidentStateApplied(incident, 1, "test", TimeProvider.System.GetUtcNow())]), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
        }

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Sum(m => m.States.Count)), n => n == 3, TimeSpan.FromSeconds(10), "every answer");
        await Eventually.MatchesAsync(() => RowsOfAsync<IncidentStatesApplied>(host), n => n == 0, TimeSpan.FromSeconds(10), "their rows settled");
        Assert.Equal(messages, answers.Received.Count);
        Assert.Equal(incidents.Order(), answers.Received.SelectMany(m => m.States).Select(s => s.IncidentId).Order());
    }

    private static PipelineProbeAnswered Answer(Guid probe) => new(probe, "hand-over", "test", TimeProvider.System.GetUtcNow());

    /// <summary>The relay takes hand-overs once the bus is up; until then commits wait for a poll.</summary>
    internal static Task<bool> WaitAttachedAsync(TestHost host) =>
        Eventually.MatchesAsync(() => Task.FromResult(host.Services.GetRequiredService<OutboxSignal>().IsAttached(typeof(IntakeDbContext))), a => a, TimeSpan.FromSeconds(10), "the relay attached");

    private static Dictionary<string, string> Settings() => new()
    {
        ["Bootstrap:ApiKey"] = ApiKey,
        ["Outbox:PollInterval"] = "00:10:00",
        ["Outbox:SettleDelay"] = "00:00:01",
        ["Outbox:KeepSentInMemory"] = "00:00:00",
    };

    private static async Task<int> RowsOfAsync<T>(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.OutboxMessages.CountAsync(m => m.MessageType == typeof(T).FullName, Cancel);
    }

    private static async Task<List<OutboxMessage>> RowsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == typeof(PipelineProbeAnswered).FullName).ToListAsync(Cancel);
    }
}

public sealed class StateAnswers
{
    public ConcurrentBag<IncidentStatesApplied> Received { get; } = [];
}

public sealed class StateAnswersConsumer(StateAnswers answers) : IConsumer<IncidentStatesApplied>
{
    public Task Consume(ConsumeContext<IncidentStatesApplied> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        answers.Received.Add(context.Message);
        return Task.CompletedTask;
    }
}
