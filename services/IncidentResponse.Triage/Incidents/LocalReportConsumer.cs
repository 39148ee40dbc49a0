using IncidentResponse.Contracts.Reports;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Outbox;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Reports announced by intake in this same Host, taken from intake's outbox relay in memory (<see cref="ILocalConsumer"/>)
/// into the same group commit as those from the broker (<see cref="TriageBatcher"/>): triage is their only consumer, so
/// the broker's round trip (publish, confirm, deliver, acknowledge) bought nothing. Intake keeps each announcement's row
/// until its reports are committed here; what cannot be triaged now is published and consumed as before.
/// </summary>
public sealed class LocalReportConsumer(TriageBatcher batcher) : ILocalConsumer
{
    private static readonly string QueueName = new ServiceEndpointNameFormatter().Consumer<ReportReceivedConsumer>();

    public Type MessageType => typeof(ReportsReceived);

    public string Queue => QueueName;

    public Task ConsumeAsync(object message, CancellationToken cancellationToken) =>
        batcher.TriageAsync(((ReportsReceived)message).Reports, cancellationToken);
}
