using IncidentResponse.Testing;
using Testcontainers.RabbitMq;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// A RabbitMQ of this test's own (the shared one other tests use is never stopped), on a fixed loopback
/// port so that it keeps its address when it is stopped and started again.
/// </summary>
internal sealed class OwnBroker : IAsyncDisposable
{
    private const int AmqpPort = 5672;
    private readonly RabbitMqContainer _container;

    private OwnBroker(RabbitMqContainer container, Uri address)
    {
        _container = container;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<OwnBroker> StartAsync(CancellationToken cancellationToken)
    {
        var port = PeerProcess.FreePort();
        var builder = new RabbitMqBuilder(ContainerImages.RabbitMq).WithPortBinding(port, AmqpPort);
        if (Environment.GetEnvironmentVariable(InfrastructureFixture.SharedRunVariable) is { Length: > 0 } run)
        {
            builder = builder.WithLabel(InfrastructureFixture.RunLabel, run); // test.sh removes it if this process dies
        }

        var container = builder.Build();
        await container.StartAsync(cancellationToken);
        var published = container.GetMappedPublicPort(AmqpPort);
        if (published != port)
        {
            throw new InvalidOperationException($"RabbitMQ was published on {published}, not on the fixed port {port}");
        }

        var server = new Uri(container.GetConnectionString());
        return new OwnBroker(container, new Uri($"amqp://{server.UserInfo}@127.0.0.1:{port}/"));
    }

    /// <summary>Stops the broker (its queues are kept in the container).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _container.StopAsync(cancellationToken);

    /// <summary>Starts the stopped broker again on the same port.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) => _container.StartAsync(cancellationToken);

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
