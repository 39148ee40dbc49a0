using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;
using MassTransit;

namespace IncidentResponse.Web.Board;

/// <summary>
/// Hears the events that change the board and tells this Host's open board streams. It listens on an
/// endpoint of its own per Host (<see cref="BoardEndpoint"/>), so every Host hears every event, and only
/// while a stream is open (<see cref="BoardListener"/>).
/// </summary>
[ExcludeFromConfigureEndpoints]
public sealed class BoardEventsConsumer(BoardBroadcaster broadcaster, TimeProvider time) :
    IConsumer<IncidentOpened>, IConsumer<IncidentTriaged>, IConsumer<IncidentStatusChanged>, IConsumer<IncidentSeverityChanged>, IConsumer<ReportCorrelated>,
    IConsumer<UnitEngaged>, IConsumer<EngagementAcknowledged>, IConsumer<EngagementAccepted>, IConsumer<EngagementDeclined>, IConsumer<EngagementResolved>,
    IConsumer<EngagementNoteAdded>, IConsumer<NotificationDelivered>, IConsumer<NotificationFailed>,
    IConsumer<EscalationStepPaged>, IConsumer<EscalationStepSkipped>, IConsumer<EscalationExhausted>, IConsumer<LegalDeadlineAlert>,
    IConsumer<ReportsTriaged>, IConsumer<UnitsEngaged>, IConsumer<NotificationsDelivered>, IConsumer<IncidentsTriaged>
{
    public Task Consume(ConsumeContext<ReportsTriaged> context) => TellEach(context, "report-triaged", m => m.Reports.Select(r => r.IncidentId));

    public Task Consume(ConsumeContext<UnitsEngaged> context) => TellEach(context, "unit-engaged", m => m.Engagements.Select(e => e.IncidentId));

    public Task Consume(ConsumeContext<NotificationsDelivered> context) => TellEach(context, "notification-delivered", m => m.Deliveries.Select(d => d.IncidentId));

    public Task Consume(ConsumeContext<IncidentsTriaged> context) => TellEach(context, "incident-triaged", m => m.States.Select(s => s.IncidentId));

    public Task Consume(ConsumeContext<IncidentOpened> context) => Tell(context, "incident-opened", m => m.IncidentId);

    public Task Consume(ConsumeContext<IncidentTriaged> context) => Tell(context, "incident-triaged", m => m.IncidentId);

    public Task Consume(ConsumeContext<IncidentStatusChanged> context) => Tell(context, "incident-status-changed", m => m.IncidentId);

    public Task Consume(ConsumeContext<IncidentSeverityChanged> context) => Tell(context, "incident-severity-changed", m => m.IncidentId);

    public Task Consume(ConsumeContext<ReportCorrelated> context) => Tell(context, "report-correlated", m => m.IncidentId);

    public Task Consume(ConsumeContext<UnitEngaged> context) => Tell(context, "unit-engaged", m => m.IncidentId);

    public Task Consume(ConsumeContext<EngagementAcknowledged> context) => Tell(context, "engagement-acknowledged", m => m.IncidentId);

    public Task Consume(ConsumeContext<EngagementAccepted> context) => Tell(context, "engagement-accepted", m => m.IncidentId);

    public Task Consume(ConsumeContext<EngagementDeclined> context) => Tell(context, "engagement-declined", m => m.IncidentId);

    public Task Consume(ConsumeContext<EngagementResolved> context) => Tell(context, "engagement-resolved", m => m.IncidentId);

    public Task Consume(ConsumeContext<EngagementNoteAdded> context) => Tell(context, "engagement-note", m => m.IncidentId);

    public Task Consume(ConsumeContext<NotificationDelivered> context) => Tell(context, "notification-delivered", m => m.IncidentId);

    public Task Consume(ConsumeContext<NotificationFailed> context) => Tell(context, "notification-failed", m => m.IncidentId);

    public Task Consume(ConsumeContext<EscalationStepPaged> context) => Tell(context, "escalation-paged", m => m.IncidentId);

    public Task Consume(ConsumeContext<EscalationStepSkipped> context) => Tell(context, "escalation-skipped", m => m.IncidentId);

    public Task Consume(ConsumeContext<EscalationExhausted> context) => Tell(context, "escalation-exhausted", m => m.IncidentId);

    public Task Consume(ConsumeContext<LegalDeadlineAlert> context) => Tell(context, "deadline-alert", m => m.IncidentId);

    private Task TellEach<T>(ConsumeContext<T> context, string kind, Func<T, IEnumerable<Guid>> incidents)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        foreach (var incident in incidents(context.Message).Distinct())
        {
            broadcaster.Publish(new BoardChange(kind, incident, now));
        }

        return Task.CompletedTask;
    }

    private Task Tell<T>(ConsumeContext<T> context, string kind, Func<T, Guid> incident)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        broadcaster.Publish(new BoardChange(kind, incident(context.Message), time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
