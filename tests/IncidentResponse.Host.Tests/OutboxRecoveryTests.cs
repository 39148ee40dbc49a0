using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>A process killed between commit and publish: the committed message goes out when a Host starts again.</summary>
public sealed class OutboxRecoveryTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_message_committed_but_never_published_is_published_after_restart_on_RabbitMQ_and_PostgreSQL()
    {
        var name = TestNames.Unique("outbox");
        await RecoversAsync(new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)));
    }

    [Fact]
    public async Task A_message_committed_but_never_published_is_published_after_restart_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        await RecoversAsync(new EmbeddedDeployment(data.Path));
    }

    private static async Task RecoversAsync(TestDeployment deployment)
    {
        var answered = new PipelineProbeAnswered(Guid.NewGuid(), "intake", "crashed-host", TimeProvider.System.GetUtcNow());

        // First life: the state change and its message commit, then the process "dies" before
        // its relay runs (here: the relay is never given the chance, the Host is not started).
        await using (var first = await TestHost.StartAsync(deployment, roles: "intake", settings: new Dictionary<string, string> { ["Outbox:PollInterval"] = "01:00:00" }))
        {
            await first.App.StopAsync(TestContext.Current.CancellationToken);
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.PublishAfterCommit(answered, TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var answers = new ProbeAnswers();
        await using var second = await TestHost.StartAsync(deployment, roles: "intake", customization: PipelineSmokeTests.Collecting(answers));

        var received = await Eventually.MatchesAsync(
            () => Task.FromResult(answers.Received.Where(a => a.ProbeId == answered.ProbeId).ToList()),
            r => r.Count > 0,
            what: "the recovered message");
        Assert.Equal(answered, Assert.Single(received));
    }
}
