using DotNet.Testcontainers.Containers;
using IncidentResponse.Testing;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// A RabbitMQ or PostgreSQL of this test's own (the shared ones other tests use are never stopped), on a
/// fixed loopback port so that it keeps its address when it is stopped and started again; its data stays
/// in the container across the stop.
/// </summary>
internal sealed class OwnServer : IAsyncDisposable
{
    private readonly IContainer _container;

    private OwnServer(IContainer container, string address)
    {
        _container = container;
        Address = address;
    }

    /// <summary>The AMQP URI or the PostgreSQL connection string.</summary>
    public string Address { get; }

    public static async Task<OwnServer> RabbitMqAsync(CancellationToken cancellationToken)
    {
        const int amqp = 5672;
        var port = StablePort();
        var container = new RabbitMqBuilder(ContainerImages.RabbitMq).WithPortBinding(port, amqp).WithLabel(Labels()).Build();
        await StartAsync(container, amqp, port, cancellationToken);
        var server = new Uri(container.GetConnectionString());
        return new OwnServer(container, $"amqp://{server.UserInfo}@127.0.0.1:{port}/");
    }

    public static async Task<OwnServer> PostgresAsync(CancellationToken cancellationToken)
    {
        const int postgres = 5432;
        var port = StablePort();
        var container = new PostgreSqlBuilder(ContainerImages.Postgres).WithPortBinding(port, postgres).WithLabel(Labels()).Build();
        await StartAsync(container, postgres, port, cancellationToken);
        var address = new Npgsql.NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Host = "127.0.0.1", Port = port };
        return new OwnServer(container, address.ConnectionString);
    }

    /// <summary>Stops the server (a clean shutdown; clients see their connections closed, then refused).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _container.StopAsync(cancellationToken);

    /// <summary>Starts the stopped server again on the same port.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) => _container.StartAsync(cancellationToken);

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    /// <summary>
    /// A free port below Linux's ephemeral range (32768 and up): the server is stopped and started again on it, and while it
    /// is down no outgoing connection of this machine (the Hosts of the scenarios running beside, this process) can take it,
    /// as one could take a port <see cref="PeerProcess.FreePort"/> chose.
    /// </summary>
    private static int StablePort()
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken: another
            }
        }

        return PeerProcess.FreePort();
    }

    /// <summary>In a run of test.sh, the run's label: test.sh removes the container even if this process dies.</summary>
    private static Dictionary<string, string> Labels() =>
        Environment.GetEnvironmentVariable(InfrastructureFixture.SharedRunVariable) is { Length: > 0 } run
            ? new() { [InfrastructureFixture.RunLabel] = run }
            : [];

    private static async Task StartAsync(IContainer container, int containerPort, int hostPort, CancellationToken cancellationToken)
    {
        await container.StartAsync(cancellationToken);
        var published = container.GetMappedPublicPort(containerPort);
        if (published != hostPort)
        {
            throw new InvalidOperationException($"{container.Image.FullName} was published on {published}, not on the fixed port {hostPort}");
        }
    }
}
