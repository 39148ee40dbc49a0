using System.Collections.Concurrent;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;

namespace IncidentResponse.Host.Tests;

/// <summary>A switch the tests turn: while <see cref="Failing"/>, the flaky consumers throw.</summary>
public sealed class Flakiness
{
    private volatile bool _failing = true;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public ConcurrentBag<Guid> Deliveries { get; } = [];
}

/// <summary>
/// A consumer on a queue of intake's (<c>intake-flaky</c>), so its failures are stored in intake's
/// database; once it works it applies a probe once (inbox) by storing a receipt for service <c>flaky</c>.
/// </summary>
public sealed class FlakyConsumer(IntakeDbContext db, Flakiness flakiness, TimeProvider time) : IConsumer<PipelineProbeRequested>
{
    public const string Queue = "intake-flaky";

    public async Task Consume(ConsumeContext<PipelineProbeRequested> context)
    {
        flakiness.Deliveries.Add(context.Message.ProbeId);
        if (flakiness.Failing)
        {
            throw new InvalidOperationException("the flaky consumer fails on purpose");
        }

        var now = time.GetUtcNow();
        if (await db.TryRecordFirstDeliveryAsync(context, "flaky", now))
        {
            db.ProbeReceipts.Add(new ProbeReceipt { ProbeId = context.Message.ProbeId, Service = "flaky", Instance = HostInstance.Name, ReceivedAt = now });
            await db.SaveChangesAsync(context.CancellationToken);
        }
    }
}

/// <summary>The same as a batch consumer (<c>intake-flaky-batch</c>), as intake's answers are consumed.</summary>
public sealed class FlakyBatchConsumer(Flakiness flakiness) : IConsumer<Batch<PipelineProbeRequested>>
{
    public const string Queue = "intake-flaky-batch";

    public Task Consume(ConsumeContext<Batch<PipelineProbeRequested>> context)
    {
        foreach (var message in context.Message)
        {
            flakiness.Deliveries.Add(message.Message.ProbeId);
        }

        return flakiness.Failing ? throw new InvalidOperationException("the flaky batch fails on purpose") : Task.CompletedTask;
    }
}
