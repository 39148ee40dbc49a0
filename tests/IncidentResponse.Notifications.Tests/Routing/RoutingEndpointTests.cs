using IncidentResponse.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>
/// Routing's queue feeds a group commit (<c>RoutingBatcher</c>): on RabbitMQ it takes
/// <see cref="MessagingOptions.GroupCommitConcurrency"/> states at once, so a wave of incidents is routed in one batch
/// instead of batches of eight one after the other. The notifications role's other queues keep the default.
/// </summary>
public sealed class RoutingEndpointTests
{
    [Fact]
    public void The_role_marks_routing_s_queue_as_a_group_commit_and_no_other()
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus => new NotificationsRole().AddConsumers(bus));
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.IsGroupCommit("notifications-incident-triaged"));
        Assert.False(provider.IsGroupCommit("notifications-escalation-step-due"));
        Assert.False(provider.IsGroupCommit("notifications-escalation-chain-started"));
    }
}
