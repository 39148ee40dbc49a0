using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using MassTransit;

namespace IncidentResponse.Web.Board;

/// <summary>
/// Hears the events that change the board and tells this Host's open board streams. It listens on an
/// endpoint of its own per Host (<see cref="BoardEndpoint"/>), so every Host hears every event.
/// </summary>
public sealed class BoardEventsConsumer(BoardBroadcaster broadcaster, TimeProvider time) :
    IConsumer<IncidentOpened>, IConsumer<IncidentTriaged>, IConsumer<IncidentStatusChanged>, IConsumer<IncidentSeverityChanged>, IConsumer<ReportCorrelated>,
    IConsumer<UnitEngaged>, IConsumer<EngagementAcknowledged>, IConsumer<EngagementAccepted>, IConsumer<EngagementDeclined>, IConsumer<EngagementResolved>,
    IConsumer<EngagementNoteAdded>, IConsumer<NotificationDelivered>, IConsumer<NotificationFailed>,
    IConsumer<EscalationStepPaged>, IConsumer<EscalationStepSkipped>, IConsumer<EscalationExhausted>, IConsumer<LegalDeadlineAlert>
{
    public Task Consume(ConsumeContext<IncidentOpened> context) => Tell("incident-opened", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<IncidentTriaged> context) => Tell("incident-triaged", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<IncidentStatusChanged> context) => Tell("incident-status-changed", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<IncidentSeverityChanged> context) => Tell("incident-severity-changed", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<ReportCorrelated> context) => Tell("report-correlated", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<UnitEngaged> context) => Tell("unit-engaged", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EngagementAcknowledged> context) => Tell("engagement-acknowledged", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EngagementAccepted> context) => Tell("engagement-accepted", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EngagementDeclined> context) => Tell("engagement-declined", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EngagementResolved> context) => Tell("engagement-resolved", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EngagementNoteAdded> context) => Tell("engagement-note", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<NotificationDelivered> context) => Tell("notification-delivered", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<NotificationFailed> context) => Tell("notification-failed", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EscalationStepPaged> context) => Tell("escalation-paged", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EscalationStepSkipped> context) => Tell("escalation-skipped", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<EscalationExhausted> context) => Tell("escalation-exhausted", context?.Message.IncidentId);

    public Task Consume(ConsumeContext<LegalDeadlineAlert> context) => Tell("deadline-alert", context?.Message.IncidentId);

    private Task Tell(string kind, Guid? incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        broadcaster.Publish(new BoardChange(kind, incidentId.Value, time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
