using System.Collections.Concurrent;
using IncidentResponse.Contracts.Diagnostics;
using MassTransit;

namespace IncidentResponse.Host.Tests;

/// <summary>Collects the answers services publish through their outboxes (a test-only consumer on the real bus).</summary>
public sealed class ProbeAnswers
{
    public ConcurrentBag<PipelineProbeAnswered> Received { get; } = [];

    public IReadOnlyList<string> ServicesFor(Guid probeId) =>
        Received.Where(a => a.ProbeId == probeId).Select(a => a.Service).Distinct().Order(StringComparer.Ordinal).ToList();
}

public sealed class ProbeAnswersConsumer(ProbeAnswers answers) : IConsumer<PipelineProbeAnswered>
{
    public Task Consume(ConsumeContext<PipelineProbeAnswered> context)
    {
        answers.Received.Add(context.Message);
        return Task.CompletedTask;
    }
}
