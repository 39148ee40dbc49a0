using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Records the completions of a dispatch batch together, in one transaction: every try as a delivery attempt, each
/// notification's final state, one <see cref="NotificationsDelivered"/> for those delivered and one
/// <see cref="NotificationFailed"/> per failure (escalation acts on each). The rows are written as claimed, with no
/// re-read; the version taken at the claim is checked. When that fails (someone changed a notification meanwhile),
/// the batch is recorded again on fresh rows, and then one by one, so one notification cannot keep the others from
/// their record. One that still fails stays claimed and is sent again after the lease, with the same Message-ID.
/// </summary>
public sealed partial class DeliveryRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeliveryRecorder> logger)
{
    public async Task RecordAsync(IReadOnlyList<Completion> completions, string instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }

        if (await TryWriteAsync(completions, instance, fresh: false, last: false, cancellationToken)
            || await TryWriteAsync(completions, instance, fresh: true, last: false, cancellationToken))
        {
            return;
        }

        // One by one; a lone completion too is read once more (its row changed again between the fresh read and the save:
        // the dispatcher claimed it again while its send outlasted the lease).
        foreach (var completion in completions)
        {
            await TryWriteAsync([completion], instance, fresh: true, last: true, cancellationToken);
        }
    }

    private async Task<bool> TryWriteAsync(IReadOnlyList<Completion> completions, string instance, bool fresh, bool last, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(completions, instance, fresh, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = Failures.Describe(ex);
            if (!fresh)
            {
                LogRecordAgain(logger, completions.Count, reason);
            }
            else if (last)
            {
                LogNotRecorded(logger, completions[0].Notification.Id, reason);
            }

            return false;
        }
    }

    private async Task WriteAsync(IReadOnlyList<Completion> completions, string instance, bool fresh, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // On PostgreSQL the rows as claimed are written by one statement (CompletedRows), not tracked; re-read rows are saved as tracked.
        var bulk = !fresh && db.Database.IsNpgsql();
        var rows = fresh ? await FreshAsync(db, completions, instance, cancellationToken) : AsClaimed(db, completions, attach: !bulk);
        var now = time.GetUtcNow();
        var delivered = new List<NotificationDelivered>();
        var completed = new Dictionary<Guid, CompletedRows.Row>();
        foreach (var completion in completions)
        {
            if (!rows.TryGetValue(completion.Notification.Id, out var row))
            {
                continue; // no longer this Host's to record (resent or taken over meanwhile)
            }

            var (notification, sequence) = row;
            foreach (var attempt in completion.Attempts)
            {
                db.DeliveryAttempts.Add(ToEntity(notification, ++sequence, attempt));
            }

            var claimedVersion = notification.Version;
            var noticeChanged = !string.Equals(notification.Notice, completion.SentNotice, StringComparison.Ordinal);
            notification.AttemptCount = sequence;
            notification.Notice = completion.SentNotice;
            notification.ClaimedBy = null;
            notification.ClaimedUntil = null;
            notification.CompletedAt = now;
            notification.Version++;
            var last = completion.Attempts.Count > 0 ? completion.Attempts[^1] : null;
            if (completion.Delivered)
            {
                notification.Status = NotificationStatus.Delivered;
                notification.DeliveredChannel = last!.Channel;
                notification.DeliveredAddress = Trim(last.Address, 400);
                notification.LastError = null;
                // A notice about no incident (a periodic report's reminder or mailed form) has no timeline to tell: its record is the deliveries list.
                if (notification.IncidentId != Notification.NoIncident)
                {
                    delivered.Add(new NotificationDelivered(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
                        notification.RecipientName, last.Channel, last.Address, notification.AttemptCount, Trim(last.ProviderResponse, 300), now, notification.Origin));
                }
            }
            else if (completion.Cancelled)
            {
                notification.Status = NotificationStatus.Cancelled;
                notification.LastError = Incidents.IncidentCopies.ClosedCancellation;
            }
            else
            {
                notification.Status = NotificationStatus.Failed;
                notification.LastError = Trim(last?.ProviderResponse ?? "the recipient has no channel", 1000);
                if (notification.IncidentId != Notification.NoIncident)
                {
                    db.PublishAfterCommit(new NotificationFailed(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
                        notification.RecipientName, completion.Tried, notification.AttemptCount, Trim(notification.LastError, 300), now, notification.EngagementId,
                        notification.Origin), now);
                }
            }

            completed[notification.Id] = new CompletedRows.Row(notification.Id, claimedVersion, notification.AttemptCount, noticeChanged ? notification.Notice : null,
                notification.Status, notification.DeliveredChannel, notification.DeliveredAddress, notification.LastError);
        }

        if (delivered.Count > 0)
        {
            db.PublishAfterCommit(new NotificationsDelivered(delivered), now);
        }

        // The attempts only ever added (by COPY on PostgreSQL when there are enough, see AddedRowsCopy); the notices updated.
        if (bulk)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await CompletedRows.UpdateAsync(db, completed.Values, now, cancellationToken) != completed.Count)
            {
                // As a tracked save would: someone changed a notification since the claim; recorded again on fresh rows.
                throw new DbUpdateConcurrencyException("a notification changed since it was claimed");
            }

            await db.SaveChangesCopyingAsync([typeof(DeliveryAttempt)], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await db.SaveChangesCopyingAsync([typeof(DeliveryAttempt)], cancellationToken);
        }

        foreach (var completion in completions.Where(c => !c.Delivered && !c.Cancelled && rows.ContainsKey(c.Notification.Id)))
        {
            var n = completion.Notification;
            LogFailed(logger, n.Id, n.IncidentNumber, n.UnitCode, rows[n.Id].Notification.AttemptCount);
        }
    }

    /// <summary>
    /// The rows as claimed; with <paramref name="attach"/>, attached unchanged, so that only what the completion sets is written,
    /// if the version is still the claim's.
    /// </summary>
    private static Dictionary<Guid, (Notification Notification, int Sequence)> AsClaimed(NotificationsDbContext db, IReadOnlyList<Completion> completions, bool attach)
    {
        var rows = new Dictionary<Guid, (Notification Notification, int Sequence)>();
        foreach (var completion in completions.DistinctBy(c => c.Notification.Id))
        {
            var notification = completion.Notification;
            if (attach)
            {
                db.Notifications.Attach(notification);
            }

            rows[notification.Id] = (notification, notification.AttemptCount);
        }

        return rows;
    }

    /// <summary>The rows as they are now, still pending and claimed by this Host, with the highest attempt sequence on record.</summary>
    private static async Task<Dictionary<Guid, (Notification Notification, int Sequence)>> FreshAsync(
        NotificationsDbContext db, IReadOnlyList<Completion> completions, string instance, CancellationToken cancellationToken)
    {
        var ids = completions.Select(c => c.Notification.Id).Distinct().ToList();
        var rows = await db.Notifications.Where(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Pending && n.ClaimedBy == instance)
            .ToListAsync(cancellationToken);
        var sequences = await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.NotificationId))
            .GroupBy(a => a.NotificationId).Select(g => new { g.Key, Last = g.Max(a => a.Sequence) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        return rows.ToDictionary(n => n.Id, n => (n, Math.Max(n.AttemptCount, sequences.GetValueOrDefault(n.Id))));
    }

    private static DeliveryAttempt ToEntity(Notification notification, int sequence, AttemptRecord attempt) => new()
    {
        Id = RowIds.Next(),
        NotificationId = notification.Id,
        Sequence = sequence,
        Round = notification.Resends,
        Channel = attempt.Channel,
        Address = Trim(attempt.Address, 400),
        StartedAt = attempt.StartedAt,
        Outcome = attempt.Outcome.ToString(),
        ProviderResponse = Trim(attempt.ProviderResponse, 1000),
        ProviderMessageId = attempt.ProviderMessageId is null ? null : Trim(attempt.ProviderMessageId, 300),
        LatencyMs = (int)Math.Min(int.MaxValue, attempt.Latency.TotalMilliseconds),
    };

    private static string Trim(string value, int length) => ColumnText.Fit(value, length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} for incident {Incident} to unit {Unit} failed on every channel after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string incident, string unit, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {Count} completed notification(s) as claimed failed ({Reason}); recording them on fresh rows")]
    private static partial void LogRecordAgain(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of notification {NotificationId} could not be recorded ({Reason}); it is sent again after its lease")]
    private static partial void LogNotRecorded(ILogger logger, Guid notificationId, string reason);
}
