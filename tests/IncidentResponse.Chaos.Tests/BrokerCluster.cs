using System.Diagnostics;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using IncidentResponse.Testing;
using Testcontainers.RabbitMq;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// A RabbitMQ cluster of three nodes of this test's own (<c>rabbitmq-1</c> … <c>rabbitmq-3</c> on a Docker network),
/// formed as infra/compose forms it: the same Erlang cookie, node names from RABBITMQ_NODENAME and
/// infra/rabbitmq/cluster.conf (classic_config peer discovery). Each node's AMQP port is published on a fixed
/// loopback port, so a node killed and started again keeps its address.
/// </summary>
internal sealed class BrokerCluster : IAsyncDisposable
{
    private const int Amqp = 5672;
    private const string User = "cluster";
    private const string Password = "cluster-password";
    private readonly INetwork _network;
    private readonly IReadOnlyList<IContainer> _nodes;
    private readonly IReadOnlyList<int> _ports;

    private BrokerCluster(INetwork network, IReadOnlyList<IContainer> nodes, IReadOnlyList<int> ports)
    {
        _network = network;
        _nodes = nodes;
        _ports = ports;
    }

    public static string NodeName(int node) => $"rabbitmq-{node}";

    /// <summary>Starts node 1, then nodes 2 and 3, which join it; returns once all three run in one cluster.</summary>
    public static async Task<BrokerCluster> StartAsync(CancellationToken cancellationToken)
    {
        var labels = Labels();
        var network = new NetworkBuilder().WithName("ir-cluster-" + Guid.NewGuid().ToString("N")[..8]).WithLabel(labels).Build();
        await network.CreateAsync(cancellationToken);
        var cookie = string.Concat(Enumerable.Range(0, 32).Select(_ => (char)('A' + Random.Shared.Next(26))));
        var configuration = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot, "infra", "rabbitmq", "cluster.conf"), cancellationToken);
        var ports = Enumerable.Range(0, 3).Select(_ => PeerProcess.FreePort()).ToList();
        var nodes = Enumerable.Range(1, 3).Select(node => (IContainer)new RabbitMqBuilder(ContainerImages.RabbitMq)
            .WithUsername(User)
            .WithPassword(Password)
            .WithNetwork(network)
            .WithHostname(NodeName(node))
            .WithNetworkAliases(NodeName(node))
            .WithEnvironment("RABBITMQ_NODENAME", "rabbit@" + NodeName(node))
            .WithEnvironment("RABBITMQ_ERLANG_COOKIE", cookie)
            .WithResourceMapping(configuration, "/etc/rabbitmq/conf.d/30-cluster.conf")
            .WithPortBinding(ports[node - 1], Amqp)
            .WithLabel(labels)
            .Build()).ToList();
        var cluster = new BrokerCluster(network, nodes, ports);
        try
        {
            await nodes[0].StartAsync(cancellationToken);
            await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync(cancellationToken)));
            await cluster.WaitUntilRunningAsync(3, TimeSpan.FromSeconds(60), cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address of <paramref name="node"/> (1-based) as a Host's <c>Messaging:RabbitMqUri</c>.</summary>
    public Uri Address(int node) => new($"amqp://{User}:{Password}@127.0.0.1:{_ports[node - 1]}/");

    /// <summary>The other nodes, in order after <paramref name="node"/>, as <c>Messaging:RabbitMqClusterNodes</c>.</summary>
    public string OtherNodes(int node) =>
        string.Join(',', Enumerable.Range(1, 2).Select(i => (node - 1 + i) % 3).Select(i => $"127.0.0.1:{_ports[i]}"));

    /// <summary>SIGKILL of the node's container (no clean shutdown: its connections just break).</summary>
    public async Task KillAsync(int node, CancellationToken cancellationToken)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", ["kill", _nodes[node - 1].Id]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("docker could not be started");
        await docker.WaitForExitAsync(cancellationToken);
        if (docker.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker kill {NodeName(node)} failed: {await docker.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    /// <summary>Starts the killed node's container again and waits until it runs in the cluster with the others.</summary>
    public async Task RestartAsync(int node, CancellationToken cancellationToken)
    {
        await _nodes[node - 1].StartAsync(cancellationToken);
        await WaitUntilRunningAsync(3, TimeSpan.FromSeconds(90), cancellationToken);
    }

    /// <summary>The nodes the cluster reports running, as seen from a node that is up.</summary>
    public async Task<IReadOnlyList<string>> RunningNodesAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _nodes)
        {
            try
            {
                var status = await node.ExecAsync(["rabbitmqctl", "cluster_status", "--formatter", "json"], cancellationToken);
                if (status.ExitCode == 0)
                {
                    var json = status.Stdout[status.Stdout.IndexOf('{', StringComparison.Ordinal)..];
                    using var document = JsonDocument.Parse(json);
                    return [.. document.RootElement.GetProperty("running_nodes").EnumerateArray().Select(n => n.GetString()!)];
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // this node is down or still booting: ask the next
            }
        }

        return [];
    }

    /// <summary>Every queue of the cluster's root virtual host with its type (<c>quorum</c>, <c>classic</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> QueueTypesAsync(CancellationToken cancellationToken)
    {
        var listed = await _nodes[0].ExecAsync(["rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name", "type"], cancellationToken);
        if (listed.ExitCode != 0)
        {
            throw new InvalidOperationException("rabbitmqctl list_queues failed: " + listed.Stderr);
        }

        return listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private async Task WaitUntilRunningAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Eventually.MatchesAsync(() => RunningNodesAsync(cancellationToken), running => running.Count == count, timeout, $"{count} nodes running in one cluster");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _network.DisposeAsync();
    }

    private static Dictionary<string, string> Labels() =>
        Environment.GetEnvironmentVariable(InfrastructureFixture.SharedRunVariable) is { Length: > 0 } run
            ? new() { [InfrastructureFixture.RunLabel] = run }
            : [];

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository (IncidentResponse.sln) is not above " + AppContext.BaseDirectory);
    }
}
