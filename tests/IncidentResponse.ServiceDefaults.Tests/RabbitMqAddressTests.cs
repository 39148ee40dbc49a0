using IncidentResponse.ServiceDefaults.Messaging;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void Credentials_port_and_virtual_host_are_read_from_the_uri() =>
        Assert.Equal(
            new RabbitMqAddress("broker.local", 5673, "incidents/prod", "ir user", "p@ss:word"),
            RabbitMqAddress.Parse(new Uri("amqp://ir%20user:p%40ss%3Aword@broker.local:5673/incidents%2Fprod")));

    [Fact]
    public void Defaults_are_the_root_virtual_host_and_port_5672() =>
        Assert.Equal(new RabbitMqAddress("localhost", 5672, "/", "guest", "guest"), RabbitMqAddress.Parse(new Uri("amqp://localhost")));

    [Fact]
    public void Another_scheme_is_refused() =>
        Assert.Throws<ArgumentException>(() => RabbitMqAddress.Parse(new Uri("http://localhost:15672/")));
}
