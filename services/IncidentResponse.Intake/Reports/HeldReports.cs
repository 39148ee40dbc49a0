using System.Text.Json;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// An operator's decision on a report held for confirmation. Confirming announces it to triage once, in the
/// same transaction that moves it out of the held state (a second confirmation, or one racing it, finds it
/// moved and announces nothing); rejecting keeps it, with who and why, out of triage for good.
/// </summary>
public sealed class HeldReports(IntakeDbContext db, TimeProvider time)
{
    public enum Outcome
    {
        /// <summary>Done now.</summary>
        Done,

        /// <summary>Already decided the same way: nothing changed.</summary>
        AlreadyDone,

        /// <summary>No such report.</summary>
        NotFound,

        /// <summary>Decided the other way, or never held.</summary>
        Conflict,
    }

    public sealed record Reviewer(string ActorId, string ActorName);

    public async Task<(Outcome Outcome, StoredReport? Report)> ConfirmAsync(Guid id, Reviewer reviewer, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        return await DecideAsync(id, reviewer, note, ReportStatuses.Received, (report, now) =>
        {
            var payload = JsonSerializer.Deserialize<IncidentReport>(report.Payload, ReportInbox.PayloadJson)!;
            db.PublishAfterCommit(new ReportsReceived([new ReportReceived(report.Id, report.ReceivedAt, report.Channel, report.SubmittedByName, payload,
                Email.ReportMessageIds.Of(report.Channel, report.IdempotencyKey))]), now);
            return Maintenance.HeldAlerts.ReleasedAsync(db, report.Id, now, CancellationToken.None);
        }, cancellationToken);
    }

    public Task<(Outcome Outcome, StoredReport? Report)> RejectAsync(Guid id, Reviewer reviewer, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        return DecideAsync(id, reviewer, reason, ReportStatuses.Rejected,
            (report, now) => Maintenance.HeldAlerts.RejectedAsync(db, report.Id, now, CancellationToken.None), cancellationToken);
    }

    /// <summary>
    /// Moves the report out of the held state, then does <paramref name="alongside"/> in the same transaction: the report's row
    /// is locked first, as an event of a held alert locks it (<see cref="Alerts.AlertIntake"/>), so the two never deadlock.
    /// </summary>
    private async Task<(Outcome, StoredReport?)> DecideAsync(
        Guid id, Reviewer reviewer, string? note, string status, Func<StoredReport, DateTimeOffset, Task> alongside, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return (Outcome.NotFound, null);
        }

        if (report.Status != ReportStatuses.AwaitingConfirmation)
        {
            return (Settled(report, status), report);
        }

        var actorId = Email.HeaderValue.Cut(reviewer.ActorId, StoredReport.MaxSubmittedBy);
        var actorName = Email.HeaderValue.Cut(reviewer.ActorName, StoredReport.MaxSubmittedByName);
        // A version check on what the decision changes alongside (an alert, a heartbeat) may lose a race: decided again, on fresh
        // state (the guarded update makes a repeat safe). Once begun, the write finishes even if the caller has gone.
        var moved = await db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // Only the decision that moves the report out of the held state counts; a racing one changes no row.
            var rows = await db.Reports
                .Where(r => r.Id == id && r.Status == ReportStatuses.AwaitingConfirmation)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.LastAnnouncedAt, now)
                    .SetProperty(r => r.ReviewedBy, actorId)
                    .SetProperty(r => r.ReviewedByName, actorName)
                    .SetProperty(r => r.ReviewedAt, now)
                    .SetProperty(r => r.ReviewNote, note), CancellationToken.None);
            if (rows == 1)
            {
                await alongside(report, now);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return rows;
        }, cancellationToken);
        var current = await db.Reports.AsNoTracking().FirstAsync(r => r.Id == id, CancellationToken.None);
        return (moved == 1 ? Outcome.Done : Settled(current, status), current);
    }

    /// <summary>A report no longer held: the same decision again is answered as done, the other one is a conflict.</summary>
    private static Outcome Settled(StoredReport report, string wanted) =>
        report.HoldReason is null || report.ReviewedAt is null ? Outcome.Conflict
        : wanted == ReportStatuses.Rejected ? (report.Status == ReportStatuses.Rejected ? Outcome.AlreadyDone : Outcome.Conflict)
        : report.Status == ReportStatuses.Rejected ? Outcome.Conflict : Outcome.AlreadyDone;
}
