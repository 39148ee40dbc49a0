using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Testing;
using IncidentResponse.Web.Board;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

public sealed class BoardListenerTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_board_has_a_queue_on_the_broker_only_while_someone_watches_and_hears_changes_then()
    {
        var name = TestNames.Unique("board");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        await using var host = await TestHost.StartAsync(deployment, roles: "web",
            settings: new Dictionary<string, string> { ["Web:Board:ListenAfterLastStream"] = "00:00:01" });
        var listener = host.Services.GetRequiredService<BoardListener>();
        var broadcaster = host.Services.GetRequiredService<BoardBroadcaster>();
        var cancel = TestContext.Current.CancellationToken;

        Assert.DoesNotContain(await infrastructure.QueueNamesAsync(name), q => q.StartsWith(BoardEndpoint.Prefix, StringComparison.Ordinal));

        using (var subscription = broadcaster.Subscribe())
        using (await listener.WatchAsync(cancel))
        {
            Assert.Contains(await infrastructure.QueueNamesAsync(name), q => q.StartsWith(BoardEndpoint.Prefix, StringComparison.Ordinal));
            var incidentId = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new IncidentStatusChanged(incidentId, "INC-1", "open", "contained", null, "test", TimeProvider.System.GetUtcNow()), cancel);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            wait.CancelAfter(TimeSpan.FromSeconds(10));
            var change = await subscription.Reader.ReadAsync(wait.Token);
            Assert.Equal(incidentId, change.IncidentId);
        }

        await Eventually.MatchesAsync(() => infrastructure.QueueNamesAsync(name), queues => !queues.Any(q => q.StartsWith(BoardEndpoint.Prefix, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), "the board queue removed after the last stream closed");
        Assert.False(listener.Listening);
    }
}
