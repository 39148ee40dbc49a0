using System.Collections.Concurrent;
using IncidentResponse.Contracts.Escalation;
using MassTransit;

namespace IncidentResponse.Benchmarks.Storm;

/// <summary>Counts the pages each chain asked notifications for, as a consumer on the broker would receive them.</summary>
public sealed class StepDueCounter : IConsumer<EscalationStepDue>
{
    public static ConcurrentDictionary<Guid, int> Received { get; } = new();

    public Task Consume(ConsumeContext<EscalationStepDue> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Received.AddOrUpdate(context.Message.EngagementId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
