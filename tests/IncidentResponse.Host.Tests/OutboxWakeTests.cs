using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

public sealed class OutboxWakeTests
{
    [Fact]
    public async Task A_commit_that_wrote_a_message_wakes_its_relay_at_once_without_waiting_for_the_poll()
    {
        using var data = new TempDirectory();
        var answers = new ProbeAnswers();
        // The poll would take a minute: only the commit's own wake-up can publish the answer in time.
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake",
            settings: new Dictionary<string, string> { ["Outbox:PollInterval"] = "00:01:00" },
            customization: PipelineSmokeTests.Collecting(answers));
        await Task.Delay(500, TestContext.Current.CancellationToken); // let the relays' first cycle pass
        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());

        await host.Services.GetRequiredService<IBus>().Publish(probe, TestContext.Current.CancellationToken);

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == probe.ProbeId && a.Service == "intake")), n => n == 1,
            TimeSpan.FromSeconds(10), "intake's answer, published through its outbox");
    }
}
