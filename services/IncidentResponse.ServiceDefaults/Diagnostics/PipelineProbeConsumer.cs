using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Diagnostics;

/// <summary>
/// Each service answers a pipeline probe from its own queue: it stores a receipt in its own
/// database and announces it through its outbox, which exercises every real part it depends on.
/// </summary>
public sealed class PipelineProbeConsumer<TContext>(TContext db, TimeProvider time) : IConsumer<PipelineProbeRequested>
    where TContext : ServiceDbContext
{
    public async Task Consume(ConsumeContext<PipelineProbeRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var probeId = context.Message.ProbeId;
        if (await db.ProbeReceipts.AnyAsync(r => r.ProbeId == probeId && r.Service == db.Schema, context.CancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        db.ProbeReceipts.Add(new ProbeReceipt { ProbeId = probeId, Service = db.Schema, Instance = HostInstance.Name, ReceivedAt = now });
        db.PublishAfterCommit(new PipelineProbeAnswered(probeId, db.Schema, HostInstance.Name, now), now);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
