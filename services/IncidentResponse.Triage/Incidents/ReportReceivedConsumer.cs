using IncidentResponse.Contracts.Reports;
using MassTransit;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Triage of announced reports: the reports intake stored in one commit (<see cref="ReportsReceived"/>),
/// or one report (<see cref="ReportReceived"/>, from versions before batches), through the same path.
/// They are triaged together with the others being consumed at the same moment (<see cref="TriageBatcher"/>);
/// a message is acknowledged once all its reports are committed, and a report that fails is this
/// message's failure, retried by the bus as before (its other reports are committed, and answered again
/// on the retry).
/// </summary>
public sealed class ReportReceivedConsumer(TriageBatcher batcher) : IConsumer<ReportReceived>, IConsumer<ReportsReceived>
{
    public Task Consume(ConsumeContext<ReportReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return batcher.TriageAsync([context.Message], context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ReportsReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return batcher.TriageAsync(context.Message.Reports, context.CancellationToken);
    }
}
