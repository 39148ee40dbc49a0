using IncidentResponse.ServiceDefaults.Data;
using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>Holds deliveries until this Host's databases are migrated, so none fails for a missing table.</summary>
public sealed class DatabaseReadyFilter<T>(DatabaseStatus status) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!status.IsReady)
        {
            await status.WaitUntilReadyAsync(context.CancellationToken);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("databaseReady");
}
