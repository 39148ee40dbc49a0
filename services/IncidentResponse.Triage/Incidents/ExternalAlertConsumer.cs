using IncidentResponse.Contracts.Alerts;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Writes what a monitoring source said about its alert on the timeline of the incident the alert's
/// report went into: fired again, acknowledged at the source, recovered. A recovery with
/// <see cref="ExternalAlertChanged.CloseIncident"/> closes the incident (resolution
/// <see cref="Lifecycle.ResolvedAtSource"/>) unless it is closed already. Once per message. Intake tells repeats at most
/// every <c>Intake:Machine:RepeatNoticeEvery</c>; each entry says how many triggers it stands for.
/// </summary>
public sealed class ExternalAlertConsumer(TriageDbContext db, RuleBook rules, TimeProvider time) : IConsumer<ExternalAlertChanged>
{
    public async Task Consume(ConsumeContext<ExternalAlertChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(ExternalAlertConsumer), now))
        {
            return;
        }

        // The alert's first report may still be on its way through triage: fail, and the retry finds it.
        var incidentId = await db.IncidentReports.Where(l => l.ReportId == m.ReportId).Select(l => (Guid?)l.IncidentId).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw new InvalidOperationException($"report {m.ReportId} of alert {m.AlertId} is not triaged (yet)");
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstAsync(i => i.Id == incidentId, context.CancellationToken);
        var actor = new Actor($"apikey:{m.IntegrationId}", m.Source, m.Channel);
        var summary = m.Summary is { Length: > 0 } s ? $": {s}" : "";
        var data = new { m.AlertId, m.ReportId, m.DedupKey, m.Change, m.Summary, m.Triggers, m.Unannounced };
        var (untoldVi, untoldEn) = m.Unannounced > 0 && m.Change != ExternalAlertChanges.Repeated
            ? ($" (thêm {m.Unannounced} lần báo lại chưa ghi; tổng {m.Triggers} lần)", $" ({m.Unannounced} more repeats not listed; {m.Triggers} triggers in all)")
            : ("", "");
        switch (m.Change)
        {
            case ExternalAlertChanges.Repeated:
                var (timesVi, timesEn) = m switch
                {
                    { Unannounced: > 1 } => ($" {m.Unannounced} lần kể từ lần ghi trước (tổng {m.Triggers} lần)", $" {m.Unannounced} times since the last entry ({m.Triggers} triggers in all)"),
                    { Triggers: > 0 } => ($" (lần thứ {m.Triggers})", $" (trigger {m.Triggers})"),
                    _ => ("", ""),
                };
                db.Append(incident, TimelineKinds.AlertRepeated, actor, m.OccurredAt,
                    $"{m.Source} báo lại cảnh báo{timesVi}{summary}", $"{m.Source} fired the alert again{timesEn}{summary}", data);
                break;
            case ExternalAlertChanges.Acknowledged:
                db.Append(incident, TimelineKinds.AlertAcknowledged, actor, m.OccurredAt,
                    $"Cảnh báo được xác nhận tại {m.Source}{untoldVi}", $"Alert acknowledged at {m.Source}{untoldEn}", data);
                break;
            default:
                // A serious incident is closed by a person, never by a monitoring source: its response and legal reports go on.
                var keptSerious = m.CloseIncident && incident.Status != Lifecycle.Closed && incident.Serious;
                var closes = m.CloseIncident && incident.Status != Lifecycle.Closed && !incident.Serious;
                db.Append(incident, TimelineKinds.AlertResolved, actor, m.OccurredAt,
                    $"{m.Source} báo cảnh báo đã hết{summary}{untoldVi}{(closes ? "" : keptSerious ? " (sự cố nghiêm trọng: chỉ người phụ trách mới đóng được)" : " (sự cố giữ nguyên trạng thái)")}",
                    $"{m.Source} reports the alert resolved{summary}{untoldEn}{(closes ? "" : keptSerious ? " (a serious incident: only a person can close it)" : " (incident left as it is)")}",
                    data);
                if (closes)
                {
                    Close(incident, actor, now);
                }

                break;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    private void Close(Incident incident, Actor actor, DateTimeOffset now)
    {
        var previous = incident.Status;
        incident.Status = Lifecycle.Closed;
        incident.Resolution = Lifecycle.ResolvedAtSource;
        incident.ClosedAt = now;
        var from = Lifecycle.Names[previous];
        db.Append(incident, TimelineKinds.StatusChanged, actor, now,
            $"Chuyển trạng thái từ {from.Vi} sang Đã đóng ({IncidentResolutions.NamesOf(Lifecycle.ResolvedAtSource).Vi})",
            $"Status changed from {from.En} to Closed ({IncidentResolutions.NamesOf(Lifecycle.ResolvedAtSource).En})",
            new { previous, status = Lifecycle.Closed, incident.Resolution, reason = "resolved at source" });
        Duties.ResponseEnded(incident, rules.Regimes, now);
        IncidentState.Publish(db, incident, now);
        db.PublishAfterCommit(new IncidentStatusChanged(incident.Id, incident.Number, previous, Lifecycle.Closed, incident.Resolution, actor.Id, now, incident.StateVersion), now);
    }
}
