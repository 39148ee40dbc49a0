using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// The in-memory bus of the embedded default dies with the process; the outbox does not. What a process
/// published and its consumers had not consumed when it ended is published again at the next start.
/// </summary>
public sealed class InMemoryOutboxTests
{
    private const string ApiKey = "in-memory-outbox-tests-key-0123456789";

    [Fact]
    public async Task A_message_published_in_memory_and_not_consumed_before_the_process_ended_is_published_again_at_the_next_start()
    {
        using var data = new TempDirectory();
        var deployment = new EmbeddedDeployment(data.Path);
        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());

        // First life: intake answers the probe through its outbox, and nobody consumes the answer (the
        // consumer that would have is not running: as if the process died with the answer in memory).
        // (Stopped, not disposed, before the next start: MassTransit keeps the first bus's logger factory.)
        await using var first = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings());
        await first.Services.GetRequiredService<IBus>().Publish(probe, TestContext.Current.CancellationToken);
        var kept = await Eventually.MatchesAsync(() => SentRowsAsync(first), rows => rows.Count == 1, TimeSpan.FromSeconds(10), "the answer published and kept as sent");
        var answerRow = kept[0].Id;
        Assert.StartsWith(OutboxMessage.SentMark, kept[0].ClaimedBy, StringComparison.Ordinal);
        await first.App.StopAsync(TestContext.Current.CancellationToken);

        var answers = new ProbeAnswers();
        await using var second = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings(), customization: PipelineSmokeTests.Collecting(answers));

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == probe.ProbeId && a.Service == "intake")), n => n == 1, TimeSpan.FromSeconds(10),
            "the answer published again after the restart");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Single(answers.Received, a => a.ProbeId == probe.ProbeId && a.Service == "intake");
        var again = await SentRowsAsync(second);
        Assert.Equal(answerRow, Assert.Single(again).Id);
    }

    [Fact]
    public async Task A_kept_message_is_published_once_in_a_life_and_deleted_when_its_time_is_up()
    {
        using var data = new TempDirectory();
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake",
            settings: Settings(keep: "00:00:02"), customization: PipelineSmokeTests.Collecting(answers));
        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());

        await host.Services.GetRequiredService<IBus>().Publish(probe, TestContext.Current.CancellationToken);

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == probe.ProbeId && a.Service == "intake")), n => n == 1, TimeSpan.FromSeconds(10), "the answer");
        // The relay marks the row as sent just after publishing it: the answer may be consumed first.
        await Eventually.MatchesAsync(() => SentRowsAsync(host), rows => rows.Count == 1, TimeSpan.FromSeconds(2), "the published row kept as sent");
        await Eventually.MatchesAsync(() => SentRowsAsync(host), rows => rows.Count == 0, TimeSpan.FromSeconds(10), "the kept row deleted after 2 s");
        Assert.Single(answers.Received, a => a.ProbeId == probe.ProbeId && a.Service == "intake");
    }

    private static Dictionary<string, string> Settings(string keep = "00:10:00") => new()
    {
        ["Bootstrap:ApiKey"] = ApiKey,
        ["Outbox:KeepSentInMemory"] = keep,
        ["Outbox:PollInterval"] = "00:00:00.200",
    };

    private static async Task<List<OutboxMessage>> SentRowsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == typeof(PipelineProbeAnswered).FullName).ToListAsync();
        return rows.Where(m => m.ClaimedBy?.StartsWith(OutboxMessage.SentMark, StringComparison.Ordinal) == true).ToList();
    }
}
