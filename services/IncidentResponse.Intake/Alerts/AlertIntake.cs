using IncidentResponse.Access.Integrations;
using IncidentResponse.Contracts.Alerts;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Alerts;

public enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}

/// <summary>What an event did: opened an alert (and filed its report), changed an open one, or nothing.</summary>
public sealed record AlertOutcome(string Result, Guid? AlertId, Guid? ReportId)
{
    public const string Opened = "opened";

    /// <summary>Opened during a maintenance window of its integration: its report is held, no incident is opened.</summary>
    public const string Held = "held";
    public const string Repeated = ExternalAlertChanges.Repeated;
    public const string Acknowledged = ExternalAlertChanges.Acknowledged;
    public const string Resolved = ExternalAlertChanges.Resolved;

    /// <summary>Acknowledge or resolve of a key with no open alert, or a second acknowledge: accepted, changes nothing.</summary>
    public const string Ignored = "ignored";
}

/// <summary>
/// The dedup-key semantics of every machine door (Events API v2, Alertmanager, heartbeats): a
/// trigger with no open alert under its key opens one and files its report through the same
/// <see cref="ReportInbox"/> as people do, in one transaction; later events of that key change the
/// open alert and are announced to triage (<see cref="ExternalAlertChanged"/>); after a resolve the key
/// is free, and the next trigger opens a new alert. Racing events of one key are serialised by the
/// unique open key: the loser reads again and applies to the winner's alert. Repeated triggers are counted on
/// the alert and announced at most every <see cref="MachineIntakeOptions.RepeatNoticeEvery"/> (review M4e).
/// A trigger that opens an alert while a <see cref="MaintenanceWindow"/> of its integration is in force files its report
/// held; while the report stays held, the alert's later events are counted on it and announced to nobody
/// (<see cref="MaintenanceRelease"/> releases the report when the window is over, a resolve rejects it).
/// </summary>
public sealed class AlertIntake(IntakeDbContext db, ReportInbox inbox, TimeProvider time, IOptions<MachineIntakeOptions> options)
{
    /// <summary>
    /// Applies one event. <c>stage</c>: changes of the caller's own to commit in the same
    /// transaction (a heartbeat's state), made again on each attempt; returning false abandons the
    /// event and saves nothing.
    /// </summary>
    public Task<AlertOutcome> ApplyAsync(
        AlertSource source, AlertAction action, string dedupKey, string summary, Func<IncidentReport> report, CancellationToken cancellationToken,
        Func<CancellationToken, Task<bool>>? stage = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(dedupKey);
        ArgumentNullException.ThrowIfNull(report);
        return db.RetryOnConflictAsync(() => ApplyOnceAsync(source, action, dedupKey, summary, report, stage, cancellationToken), cancellationToken);
    }

    private async Task<AlertOutcome> ApplyOnceAsync(
        AlertSource source, AlertAction action, string dedupKey, string summary, Func<IncidentReport> report,
        Func<CancellationToken, Task<bool>>? stage, CancellationToken cancellationToken)
    {
        if (stage is not null && !await stage(cancellationToken))
        {
            db.ChangeTracker.Clear();
            return new AlertOutcome(AlertOutcome.Ignored, null, null);
        }

        var now = time.GetUtcNow();
        var open = await db.Alerts.FirstOrDefaultAsync(a => a.IntegrationId == source.IntegrationId && a.OpenKey == dedupKey, cancellationToken);
        // An alert a window holds: its report may be released or decided by a person at this moment, so the event is applied in a
        // transaction that locks the report first, as those decisions do (HeldReports), and sees the decision or is seen by it.
        // A report once out of the held state never returns to it: an alert released long ago takes no lock.
        var mayBeHeld = open?.MaintenanceWindowId is not null && await db.Reports.AnyAsync(
            r => r.Id == open.ReportId && (r.Status == ReportStatuses.AwaitingConfirmation || r.Status == ReportStatuses.Rejected), cancellationToken);
        await using var transaction = mayBeHeld ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        AlertOutcome outcome;
        if (open is null)
        {
            if (action != AlertAction.Trigger)
            {
                return await SaveStagedAsync(new AlertOutcome(AlertOutcome.Ignored, null, null), transaction);
            }

            var window = await MaintenanceHolds.ActiveAsync(db, source.IntegrationId, now, cancellationToken);
            var (reportId, _) = inbox.Stage(await RegisteredAsync(report(), cancellationToken), new ReportOrigin(source.Channel, source.ActorId, source.Name),
                holdReason: window is { } w ? MaintenanceHolds.HoldReason(w.Window, w.Until) : null);
            var alert = new ExternalAlert
            {
                Id = RowIds.Next(),
                IntegrationId = source.IntegrationId,
                Source = source.Name,
                Channel = source.Channel,
                DedupKey = dedupKey,
                OpenKey = dedupKey,
                Status = ExternalAlertStatuses.Triggered,
                ReportId = reportId,
                Summary = Truncate(summary, 1024),
                OpenedAt = now,
                LastEventAt = now,
                Triggers = 1,
                TriggersAnnounced = 1,
                MaintenanceWindowId = window?.Window.Id,
            };
            db.Alerts.Add(alert);
            outcome = new AlertOutcome(window is null ? AlertOutcome.Opened : AlertOutcome.Held, alert.Id, reportId);
        }
        else if (mayBeHeld && await HeldReportAsync(open, cancellationToken) is { } held)
        {
            outcome = Quietly(open, held, action, summary, now);
            if (outcome.Result == AlertOutcome.Ignored)
            {
                return await SaveStagedAsync(outcome, transaction);
            }
        }
        else
        {
            outcome = action switch
            {
                AlertAction.Trigger => Repeat(open, summary, now),
                AlertAction.Acknowledge => Acknowledge(open, summary, now),
                _ => await ResolveAsync(open, source, summary, now, cancellationToken),
            };
            if (outcome.Result == AlertOutcome.Ignored)
            {
                return await SaveStagedAsync(outcome, transaction);
            }
        }

        // Once begun, the write finishes even if the sender has gone (as for reports, see ReportInbox):
        // monitoring tools resend an unanswered event, and the dedup key then finds this alert.
        await db.SaveChangesAsync(CancellationToken.None);
        await CommitAsync(transaction);
        return outcome;
    }

    /// <summary>
    /// The report of a new alert with its system's facts from the register (level, national list, owner, ISP:
    /// <see cref="Systems.SystemRegister.FillFacts"/>), when its integration names one. A system retired since the integration
    /// was issued fills nothing: a machine's alert is never refused for it, and carries what the integration says.
    /// </summary>
    private async Task<IncidentReport> RegisteredAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        var (filled, _) = await Systems.SystemRegister.ApplyAsync(report, () => db, cancellationToken, Systems.SystemRegister.FillFacts);
        return filled ?? report;
    }

    /// <summary>
    /// The alert's report while a maintenance window holds it (or a person rejected it), tracked; null when it went to triage.
    /// Its row is locked first on PostgreSQL (an update that changes nothing), inside the event's transaction; SQLite's
    /// transactions begin IMMEDIATE and so already hold the database's one write lock.
    /// </summary>
    private async Task<StoredReport?> HeldReportAsync(ExternalAlert open, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Reports.Where(r => r.Id == open.ReportId).ExecuteUpdateAsync(u => u.SetProperty(r => r.LastAnnouncedAt, r => r.LastAnnouncedAt), cancellationToken);
        }

        return await db.Reports.FirstOrDefaultAsync(
            r => r.Id == open.ReportId && (r.Status == ReportStatuses.AwaitingConfirmation || r.Status == ReportStatuses.Rejected), cancellationToken);
    }

    /// <summary>
    /// An event of an alert whose report triage has not got: it changes the alert and tells nobody (there is no incident to
    /// write it on). A resolve while the report is still held rejects it, so nothing is left for an operator to decide.
    /// </summary>
    private static AlertOutcome Quietly(ExternalAlert open, StoredReport held, AlertAction action, string summary, DateTimeOffset now)
    {
        switch (action)
        {
            case AlertAction.Trigger:
                open.Triggers++; // told, with the others not told, at the first repeat after the report is released
                Touch(open, now);
                return new AlertOutcome(AlertOutcome.Repeated, open.Id, open.ReportId);
            case AlertAction.Acknowledge when open.Status == ExternalAlertStatuses.Triggered:
                open.Status = ExternalAlertStatuses.Acknowledged;
                open.AcknowledgedAt = now;
                Touch(open, now);
                return new AlertOutcome(AlertOutcome.Acknowledged, open.Id, open.ReportId);
            case AlertAction.Acknowledge:
                return new AlertOutcome(AlertOutcome.Ignored, open.Id, open.ReportId);
            default:
                open.Status = ExternalAlertStatuses.Resolved;
                open.OpenKey = null;
                open.ResolvedAt = now;
                Touch(open, now);
                if (held.Status == ReportStatuses.AwaitingConfirmation)
                {
                    held.Status = ReportStatuses.Rejected;
                    held.ReviewedBy = MaintenanceHolds.SystemActor;
                    held.ReviewedByName = MaintenanceHolds.SystemName;
                    held.ReviewedAt = now;
                    // The resolving event says what happened (a recovery, or a person removing the heartbeat).
                    held.ReviewNote = string.IsNullOrWhiteSpace(summary) ? MaintenanceHolds.ResolvedNote
                        : Truncate($"{MaintenanceHolds.ResolvedNote}: {summary}", StoredReport.MaxReviewNote);
                }

                return new AlertOutcome(AlertOutcome.Resolved, open.Id, open.ReportId);
        }
    }

    /// <summary>The event changes no alert; the caller's staged changes are still saved.</summary>
    private async Task<AlertOutcome> SaveStagedAsync(AlertOutcome outcome, IDbContextTransaction? transaction)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await CommitAsync(transaction);
        return outcome;
    }

    /// <summary>Commits the transaction this event opened, if it opened one (never a caller's).</summary>
    private static async Task CommitAsync(IDbContextTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
    }

    private AlertOutcome Repeat(ExternalAlert open, string summary, DateTimeOffset now)
    {
        open.Triggers++;
        Touch(open, now);

        // The first repeat is told at once; later ones together, once RepeatNoticeEvery has passed since the last told.
        if (open.RepeatAnnouncedAt is not { } last || now - last >= options.Value.RepeatNoticeEvery)
        {
            open.RepeatAnnouncedAt = now;
            Announce(open, ExternalAlertChanges.Repeated, summary, closeIncident: false, now);
        }

        return new AlertOutcome(AlertOutcome.Repeated, open.Id, open.ReportId);
    }

    private AlertOutcome Acknowledge(ExternalAlert open, string summary, DateTimeOffset now)
    {
        if (open.Status != ExternalAlertStatuses.Triggered)
        {
            return new AlertOutcome(AlertOutcome.Ignored, open.Id, open.ReportId);
        }

        open.Status = ExternalAlertStatuses.Acknowledged;
        open.AcknowledgedAt = now;
        Touch(open, now);
        Announce(open, ExternalAlertChanges.Acknowledged, summary, closeIncident: false, now);
        return new AlertOutcome(AlertOutcome.Acknowledged, open.Id, open.ReportId);
    }

    private async Task<AlertOutcome> ResolveAsync(ExternalAlert open, AlertSource source, string summary, DateTimeOffset now, CancellationToken cancellationToken)
    {
        open.Status = ExternalAlertStatuses.Resolved;
        open.OpenKey = null;
        open.ResolvedAt = now;
        Touch(open, now);
        var close = source.OnResolve == ResolveBehaviours.Resolve && !await OthersStillOpenAsync(open, cancellationToken);
        Announce(open, ExternalAlertChanges.Resolved, summary, close, now);
        return new AlertOutcome(AlertOutcome.Resolved, open.Id, open.ReportId);
    }

    /// <summary>Another open alert was triaged into the same incident: the incident is not over yet.</summary>
    private async Task<bool> OthersStillOpenAsync(ExternalAlert alert, CancellationToken cancellationToken)
    {
        var incidentId = await db.Reports.Where(r => r.Id == alert.ReportId).Select(r => r.IncidentId).FirstOrDefaultAsync(cancellationToken);
        return incidentId is not null && await db.Alerts
            .Where(a => a.OpenKey != null && a.Id != alert.Id)
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => r.IncidentId)
            .AnyAsync(i => i == incidentId, cancellationToken);
    }

    private void Announce(ExternalAlert alert, string change, string summary, bool closeIncident, DateTimeOffset now) =>
        Announce(db, alert, change, summary, closeIncident, now);

    /// <summary>Tells triage of a change, with the triggers not told before (a repeat counts itself).</summary>
    internal static void Announce(IntakeDbContext db, ExternalAlert alert, string change, string summary, bool closeIncident, DateTimeOffset now)
    {
        var untold = alert.Triggers - alert.TriggersAnnounced;
        alert.TriggersAnnounced = alert.Triggers;
        db.PublishAfterCommit(new ExternalAlertChanged(alert.Id, alert.ReportId, alert.IntegrationId, change, alert.Source, alert.Channel, alert.DedupKey,
            string.IsNullOrWhiteSpace(summary) ? null : Truncate(summary, 1024), closeIncident, now, alert.Triggers, untold), now);
    }

    private static void Touch(ExternalAlert alert, DateTimeOffset now)
    {
        alert.LastEventAt = now;
        alert.Version++;
    }

    internal static string Truncate(string text, int max) => Email.HeaderValue.Cut(text, max);
}
