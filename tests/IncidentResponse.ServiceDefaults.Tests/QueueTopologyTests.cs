using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Messaging.Quorum;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class QueueTopologyTests
{
    [Fact]
    public void A_service_queue_is_a_quorum_queue_by_default_that_dead_letters_past_its_delivery_limit_to_its_error_queue()
    {
        var arguments = QueueTopology.ReceiveQueueArguments("triage-report-received", new MessagingOptions());

        Assert.Equal("quorum", arguments["x-queue-type"]);
        Assert.Equal(MessagingOptions.DefaultDeliveryLimit, arguments["x-delivery-limit"]);
        Assert.Equal("triage-report-received_error", arguments["x-dead-letter-exchange"]);
        Assert.Equal("at-least-once", arguments["x-dead-letter-strategy"]);
    }

    [Fact]
    public void Error_and_skipped_queues_keep_the_type_without_a_limit_or_dead_lettering() =>
        Assert.Equal(
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum" },
            QueueTopology.FaultQueueArguments(new MessagingOptions { RabbitMqDeliveryLimit = 5 }));

    [Fact]
    public void Classic_queues_are_declared_without_arguments_as_before()
    {
        var classic = new MessagingOptions { RabbitMqQueueType = RabbitMqQueueType.Classic };

        Assert.Empty(QueueTopology.ReceiveQueueArguments("triage-report-received", classic));
        Assert.Empty(QueueTopology.FaultQueueArguments(classic));
    }

    [Fact]
    public void A_delivery_limit_of_zero_or_less_means_the_default() =>
        Assert.Equal(MessagingOptions.DefaultDeliveryLimit,
            QueueTopology.ReceiveQueueArguments("q", new MessagingOptions { RabbitMqDeliveryLimit = 0 })["x-delivery-limit"]);
}
