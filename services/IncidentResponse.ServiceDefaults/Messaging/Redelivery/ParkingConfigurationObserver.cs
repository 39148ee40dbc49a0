using MassTransit;
using MassTransit.Configuration;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Puts a <see cref="ParkingFilter{T}"/> on the endpoint's pipe of every message type its consumers
/// take, including the single messages a batch consumer (<c>IConsumer&lt;Batch&lt;T&gt;&gt;</c>) collects:
/// a batch that fails past its retries fails each of its messages, and each is stored alone. Created
/// before <c>UseMessageRetry</c>, so the filter is outside the retries.
/// </summary>
public sealed class ParkingConfigurationObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    private readonly IConsumePipeConfigurator _configurator;
    private readonly DeferredMessageStore _store;
    private readonly string _queue;
    private readonly HashSet<Type> _configured = [];

    public ParkingConfigurationObserver(IConsumePipeConfigurator configurator, DeferredMessageStore store, string queue)
        : base(configurator)
    {
        _configurator = configurator;
        _store = store;
        _queue = queue;
        Connect(this);
    }

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(configurator);
        if (_configured.Add(typeof(TMessage)))
        {
            configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new ParkingFilter<TMessage>(_store, _queue)));
        }
    }

    public override void BatchConsumerConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, Batch<TMessage>> configurator) =>
        MessageConfigured<TMessage>(_configurator);
}
