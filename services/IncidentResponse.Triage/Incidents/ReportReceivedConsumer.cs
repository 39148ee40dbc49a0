using IncidentResponse.Contracts.Reports;
using MassTransit;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Triage of one announced report. The report is triaged together with the others being consumed at
/// the same moment (<see cref="TriageBatcher"/>); this message is acknowledged once its report is
/// committed, and a failure of its own is this message's failure, retried by the bus as before.
/// </summary>
public sealed class ReportReceivedConsumer(TriageBatcher batcher) : IConsumer<ReportReceived>
{
    public Task Consume(ConsumeContext<ReportReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return batcher.TriageAsync(context.Message, context.CancellationToken);
    }
}
