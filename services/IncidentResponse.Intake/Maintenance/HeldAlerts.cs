using IncidentResponse.Contracts.Alerts;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Heartbeats;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// What a decision on the report of an alert a maintenance window held does to the alert, in the decision's transaction
/// (after the report's row is locked; see <see cref="Reports.HeldReports"/>). An e-mailed report has no alert: nothing.
/// </summary>
internal static class HeldAlerts
{
    /// <summary>
    /// Released (the window is over) or confirmed by a person: the alert is an ordinary one from now on, and an acknowledgement
    /// its source made while it was held is told now, so the incident's timeline shows it (a later acknowledge would be ignored).
    /// </summary>
    public static async Task ReleasedAsync(IntakeDbContext db, Guid reportId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.ReportId == reportId && a.OpenKey != null && a.MaintenanceWindowId != null, cancellationToken);
        if (alert is null)
        {
            return;
        }

        alert.Version++; // an event of the alert racing this decision reads it again
        if (alert.Status == ExternalAlertStatuses.Acknowledged)
        {
            AlertIntake.Announce(db, alert, ExternalAlertChanges.Acknowledged, alert.Summary, closeIncident: false, alert.AcknowledgedAt ?? now);
        }
    }

    /// <summary>
    /// Rejected by a person: the alert is closed, so its source's next trigger opens a new one (held again while a window
    /// runs, else an incident) instead of being counted on a dismissed alert for ever; a missed heartbeat is watched again
    /// from now, and raised again if it stays silent.
    /// </summary>
    public static async Task RejectedAsync(IntakeDbContext db, Guid reportId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.ReportId == reportId && a.OpenKey != null && a.MaintenanceWindowId != null, cancellationToken);
        if (alert is null)
        {
            return;
        }

        alert.Status = ExternalAlertStatuses.Resolved;
        alert.OpenKey = null;
        alert.ResolvedAt = now;
        alert.LastEventAt = now;
        alert.Version++;
        if (alert.Channel == AlertSource.HeartbeatChannel && HeartbeatAlerts.NameOf(alert.DedupKey) is { } name)
        {
            var heartbeat = await db.Heartbeats.FirstOrDefaultAsync(h => h.Name == name && h.IntegrationId == alert.IntegrationId && h.Status == HeartbeatStatuses.Missed, cancellationToken);
            if (heartbeat is not null)
            {
                heartbeat.Status = HeartbeatStatuses.Waiting;
                heartbeat.MissedAt = null;
                heartbeat.DueAt = now.AddSeconds(heartbeat.IntervalSeconds);
                heartbeat.Version++;
            }
        }
    }
}
