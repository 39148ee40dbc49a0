using System.Text.Json;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Delivers one claimed notification: the recipient's channels in order, each through the resilient
/// sender, every try stored as it happens, until one delivers or all have failed. The outcome is
/// published with the final state change (NotificationDelivered or NotificationFailed).
/// </summary>
public sealed partial class NotificationDelivery(
    NotificationsDbContext db, IDeliverySender sender, NotificationRules rules, IOptions<NotificationsOptions> options, TimeProvider time,
    ILogger<NotificationDelivery> logger)
{
    public async Task DeliverAsync(Guid notificationId, string instance, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId, cancellationToken);
        if (notification is null || notification.Status != NotificationStatus.Pending || notification.ClaimedBy != instance)
        {
            return;
        }

        var notice = await AsNowAsync(JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)! with { Round = notification.Resends }, cancellationToken);
        notification.Notice = JsonSerializer.Serialize(notice, DirectoryJson.Options); // what was sent, as sent
        notice = await Documents.DocumentFiles.AttachAsync(db, notice, cancellationToken);
        var recipient = new Recipient(notification.RecipientName, notification.Language, notification.TimeZone);
        var policy = rules.DisclosureAt(time.GetUtcNow());
        var sequence = await db.DeliveryAttempts.CountAsync(a => a.NotificationId == notificationId, cancellationToken);
        var tried = new List<string>();
        AttemptRecord? last = null;
        foreach (var contact in DirectoryJson.Channels(notification.Destinations))
        {
            var destination = contact.ToDestination(contact.SecretRef is { } name && options.Value.Secrets.TryGetValue(name, out var secret) ? secret : null);
            tried.Add(contact.Channel);
            var report = Documents.DocumentFiles.Refusal(notice, contact, policy, time.GetUtcNow())
                ?? await sender.SendAsync(Redaction.For(notice, contact.Channel, policy), recipient, destination, cancellationToken);
            foreach (var attempt in report.Attempts)
            {
                db.DeliveryAttempts.Add(ToEntity(notification, ++sequence, attempt));
                last = attempt;
            }

            notification.AttemptCount = sequence;
            notification.ClaimedUntil = time.GetUtcNow() + options.Value.DispatchLease;
            if (report.Delivered)
            {
                Complete(notification, last!);
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            await db.SaveChangesAsync(cancellationToken); // the tries are on record even if this process dies now
        }

        Fail(notification, tried, last);
        await db.SaveChangesAsync(cancellationToken);
        LogFailed(logger, notification.Id, notification.IncidentNumber, notification.UnitCode, notification.AttemptCount);
    }

    /// <summary>
    /// The notice with the incident as it is now: a TLP, severity or serious flag raised since the notice was
    /// written applies to what has not been sent yet (and so does the redaction that follows from it).
    /// </summary>
    private async Task<Notice> AsNowAsync(Notice notice, CancellationToken cancellationToken)
    {
        var copy = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == notice.IncidentId, cancellationToken);
        if (copy is null)
        {
            return notice;
        }

        var now = IncidentFacts.From(copy);
        return notice with
        {
            Title = now.Title, Classification = now.Classification, SeverityLevel = now.SeverityLevel, Serious = now.Serious, Tlp = now.Tlp,
            PersonalData = now.PersonalData, AffectedSystem = now.AffectedSystem, OwnerAgency = now.OwnerAgency, Deadlines = now.Deadlines,
            Drill = notice.Drill || now.Drill,
            Status = now.Status ?? notice.Status,
        };
    }

    private void Complete(Notification notification, AttemptRecord delivered)
    {
        var now = time.GetUtcNow();
        notification.Status = NotificationStatus.Delivered;
        notification.DeliveredChannel = delivered.Channel;
        notification.DeliveredAddress = delivered.Address;
        notification.LastError = null;
        notification.CompletedAt = now;
        notification.ClaimedBy = null;
        notification.ClaimedUntil = null;
        notification.Version++;
        db.PublishAfterCommit(new NotificationDelivered(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
            notification.RecipientName, delivered.Channel, delivered.Address, notification.AttemptCount, Trim(delivered.ProviderResponse, 300), now), now);
    }

    private void Fail(Notification notification, List<string> tried, AttemptRecord? last)
    {
        var now = time.GetUtcNow();
        notification.Status = NotificationStatus.Failed;
        notification.LastError = Trim(last?.ProviderResponse ?? "the recipient has no channel", 1000);
        notification.CompletedAt = now;
        notification.ClaimedBy = null;
        notification.ClaimedUntil = null;
        notification.Version++;
        db.PublishAfterCommit(new NotificationFailed(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
            notification.RecipientName, tried, notification.AttemptCount, Trim(notification.LastError, 300), now, notification.EngagementId, notification.Origin), now);
    }

    private static DeliveryAttempt ToEntity(Notification notification, int sequence, AttemptRecord attempt) => new()
    {
        Id = NewId.NextGuid(),
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

    private static string Trim(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} for incident {Incident} to unit {Unit} failed on every channel after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string incident, string unit, int attempts);
}
