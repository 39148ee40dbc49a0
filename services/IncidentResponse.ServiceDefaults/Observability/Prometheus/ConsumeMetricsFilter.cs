using MassTransit;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>Times each consume attempt of a receive endpoint for <see cref="ConsumerMetrics"/>.</summary>
public sealed class ConsumeMetricsFilter<T>(ConsumerMetrics metrics, TimeProvider time) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = time.GetTimestamp();
        var failed = true;
        try
        {
            await next.Send(context);
            failed = false;
        }
        finally
        {
            metrics.Consumed(ConsumerMetrics.Queue(context.ReceiveContext?.InputAddress), ConsumerMetrics.Label(typeof(T)), time.GetElapsedTime(started), failed);
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("consumeMetrics");
}
