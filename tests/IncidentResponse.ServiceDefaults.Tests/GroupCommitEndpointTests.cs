using IncidentResponse.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class GroupCommitEndpointTests
{
    private static readonly MessagingOptions RabbitMq = new() { Transport = MessagingTransport.RabbitMq };

    [Fact]
    public void On_RabbitMQ_a_group_commit_endpoint_takes_many_messages_at_once_and_the_others_few()
    {
        Assert.Equal((16, 32), GroupCommitEndpoints.Concurrency(RabbitMq, groupCommit: true));
        Assert.Equal((64, 128), GroupCommitEndpoints.Concurrency(new MessagingOptions { Transport = MessagingTransport.RabbitMq, GroupCommitConcurrency = 64 }, groupCommit: true));
        Assert.Equal((MessagingOptions.RabbitMqConcurrency, (int?)null), GroupCommitEndpoints.Concurrency(RabbitMq, groupCommit: false));
    }

    [Fact]
    public void A_larger_configured_prefetch_is_kept_and_a_configured_limit_applies_to_every_endpoint()
    {
        var prefetch = new MessagingOptions { Transport = MessagingTransport.RabbitMq, PrefetchCount = 1000 };
        Assert.Equal((16, 1000), GroupCommitEndpoints.Concurrency(prefetch, groupCommit: true));

        var limited = new MessagingOptions { Transport = MessagingTransport.RabbitMq, ConcurrentMessageLimit = 4 };
        Assert.Equal((4, (int?)null), GroupCommitEndpoints.Concurrency(limited, groupCommit: true));
        Assert.Equal((4, (int?)null), GroupCommitEndpoints.Concurrency(limited, groupCommit: false));
    }

    [Fact]
    public void In_memory_the_transport_decides_unless_a_limit_is_configured()
    {
        Assert.Equal(((int?)null, (int?)null), GroupCommitEndpoints.Concurrency(new MessagingOptions(), groupCommit: true));
        Assert.Equal((2, (int?)null), GroupCommitEndpoints.Concurrency(new MessagingOptions { ConcurrentMessageLimit = 2 }, groupCommit: true));
    }

    [Fact]
    public void The_queue_of_a_consumer_added_for_group_commit_is_known_as_one_and_no_other_queue_is()
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus =>
        {
            bus.AddGroupCommitConsumer<BatchFedConsumer>();
            bus.AddConsumer<PlainConsumer>();
        });
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.IsGroupCommit("servicedefaults-batch-fed"));
        Assert.False(provider.IsGroupCommit("servicedefaults-plain"));
    }

    private sealed class BatchFedConsumer : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => Task.CompletedTask;
    }

    private sealed class PlainConsumer : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context) => Task.CompletedTask;
    }

    private sealed record Ping;
}
