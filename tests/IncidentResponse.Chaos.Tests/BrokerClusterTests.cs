using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Issue 27: a three-node RabbitMQ cluster with quorum queues, two Hosts connected to all its nodes, and one node
/// killed under load and started again later. Every report answered 2xx must end triaged in an incident of its own,
/// with its units engaged and a first mail sent once.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class BrokerClusterTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 600_000)]
    public async Task Reports_filed_while_a_node_of_the_three_node_broker_cluster_is_killed_and_restarted_are_all_triaged_and_mailed_once_by_two_Hosts()
    {
        await using var cluster = await BrokerCluster.StartAsync(Cancel);
        var database = await infrastructure.CreateDatabaseAsync(TestNames.Unique("chaoscluster"));
        var settings = new Dictionary<string, string>(ChaosRun.Distributed(database, cluster.Address(1)))
        {
            ["Messaging__RabbitMqClusterNodes"] = cluster.OtherNodes(1),
        };
        await using var run = await ChaosRun.StartAsync("broker-cluster", settings);
        await run.StartAnotherHostAsync(new Dictionary<string, string>
        {
            ["Messaging__RabbitMqUri"] = cluster.Address(2).ToString(),
            ["Messaging__RabbitMqClusterNodes"] = cluster.OtherNodes(2),
        });
        var queues = await cluster.QueueTypesAsync(Cancel);
        Assert.Contains(queues, q => q.Key == "triage-report-received");
        Assert.All(queues.Where(q => !q.Key.StartsWith("web-board-", StringComparison.Ordinal)), q => Assert.Equal("quorum", q.Value));

        var reports = ChaosOptions.ClusterReports;
        var load = TimeSpan.FromSeconds(reports / ChaosOptions.Rate);
        var killAt = load * (0.2 + (0.3 * run.Random.NextDouble()));
        run.Journal.Say($"filing {reports} reports at {ChaosOptions.Rate}/s over {load.TotalSeconds:0} s to the first Host; " +
            $"node 1 (the first Host's, and the leader of the queues it declared) killed at {killAt.TotalSeconds:0.0} s for {ChaosOptions.ClusterNodeDown.TotalSeconds:0} s");
        await Task.WhenAll(
            run.Client.FileAsync(reports, ChaosOptions.Rate, Cancel),
            Disruptions.RunScheduleAsync([(killAt, () => NodeOutageAsync(run, cluster, node: 1))], Cancel));

        await run.AuditAsync(reports);
        Assert.Equal(3, (await cluster.RunningNodesAsync(Cancel)).Count);
    }

    /// <summary>docker kill of a node, a pause, then the node started again until it runs in the cluster.</summary>
    private static async Task NodeOutageAsync(ChaosRun run, BrokerCluster cluster, int node)
    {
        var killedAt = TimeProvider.System.GetUtcNow();
        await cluster.KillAsync(node, Cancel);
        run.Journal.Say($"docker kill {BrokerCluster.NodeName(node)}; the cluster runs {string.Join(", ", await cluster.RunningNodesAsync(Cancel))}");
        var left = ChaosOptions.ClusterNodeDown - (TimeProvider.System.GetUtcNow() - killedAt);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, TimeProvider.System, Cancel);
        }

        var startedAt = TimeProvider.System.GetUtcNow();
        await cluster.RestartAsync(node, Cancel);
        var readyAt = TimeProvider.System.GetUtcNow();
        run.Disruptions.Add(new Disruption("broker-node", killedAt, startedAt, readyAt));
        run.Journal.Say($"{BrokerCluster.NodeName(node)} back in the cluster {(readyAt - startedAt).TotalSeconds:0.0} s after its start");
    }
}
