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

    [Fact]
    public void A_clusters_other_nodes_follow_the_address_host_with_its_port_unless_they_name_theirs() =>
        Assert.Equal(
            ["rabbitmq-1:5672", "rabbitmq-2:5672", "rabbitmq-3:5673"],
            RabbitMqAddress.Parse(new Uri("amqp://ir:pw@rabbitmq-1/incidents"), " rabbitmq-2, rabbitmq-3:5673 ").Nodes);

    [Fact]
    public void Without_other_nodes_the_address_host_is_the_only_node() =>
        Assert.Equal(["broker:5671"], RabbitMqAddress.Parse(new Uri("amqps://broker/"), "").Nodes);

    [Theory]
    [InlineData("rabbitmq-2:port")]
    [InlineData(":5672")]
    [InlineData("a:1:2")]
    public void A_cluster_node_that_is_not_a_host_or_host_and_port_is_refused(string nodes) =>
        Assert.Throws<ArgumentException>(() => RabbitMqAddress.Parse(new Uri("amqp://localhost"), nodes));
}
