using System.Text.Json;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Sends one claimed notification: the recipient's channels in order, each through the resilient sender, until one
/// delivers or all have failed. It writes nothing: what happened (<see cref="Completion"/>) is recorded with the other
/// completions of its dispatch batch by <see cref="DeliveryRecorder"/>, in one transaction.
/// </summary>
public sealed class NotificationDelivery(
    NotificationsDbContext db, IDeliverySender sender, NotificationRules rules, IOptions<NotificationsOptions> options, DeliveryRecorder recorder,
    LinkSigner links, TimeProvider time, IOptions<CommitteeOptions> committee)
{
    /// <summary>
    /// Delivers one notification this Host has claimed (<paramref name="instance"/>) and records the outcome: the path of
    /// one notification claimed by other means than the dispatcher's batch.
    /// </summary>
    public async Task DeliverAsync(Guid notificationId, string instance, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId, cancellationToken);
        if (notification is null || notification.Status != NotificationStatus.Pending || notification.ClaimedBy != instance)
        {
            return;
        }

        var incidents = await IncidentsNowAsync(db, [notification], cancellationToken);
        var completion = await SendAsync(notification, incidents.GetValueOrDefault(notification.IncidentId), cancellationToken);
        await recorder.RecordAsync([completion], instance, CancellationToken.None);
    }

    /// <summary>
    /// The incidents the notifications are about, as this service's copies say they are now: one query for a dispatch batch,
    /// and each incident's facts (its deadlines parsed) once, however many of its notices the batch sends.
    /// </summary>
    public static async Task<Dictionary<Guid, IncidentFacts>> IncidentsNowAsync(NotificationsDbContext db, IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notifications);
        var ids = notifications.Select(n => n.IncidentId).Distinct().ToList();
        var copies = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.IncidentId)).ToListAsync(cancellationToken);
        return copies.ToDictionary(c => c.IncidentId, IncidentFacts.From);
    }

    /// <summary>Sends <paramref name="notification"/> (as the incident is now, <paramref name="now"/>) and says what happened; writes nothing.</summary>
    public async Task<Completion> SendAsync(Notification notification, IncidentFacts? now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (now?.Status == Incidents.IncidentCopies.Closed && NotificationOrigins.StopsAtClose(notification.Origin))
        {
            // Past the close's cancelling (a step's page committed as the close read the pending notices, or claimed before
            // it): a page about a closed incident helps nobody, and its failure would page the next step.
            return new Completion(notification, notification.Notice, [], [], Delivered: false, Cancelled: true);
        }

        var stored = JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)!;
        // "…/ack/" as stored; a row stored with a signed token before tokens were signed at sending loses it here (the copy
        // stored after this sending is then written again, without it).
        var unsigned = new Uri(stored.AcknowledgeLink, ".");
        // The hotline is the committee's number today (a retry or a resend after it changed gives the new one), not an incident fact.
        var notice = AsNow(stored with { Round = notification.Resends, AcknowledgeLink = unsigned, Hotline = committee.Value.PublishedHotline }, now);
        var sent = NoticeSameness.Same(stored, notice) ? notification.Notice : JsonSerializer.Serialize(notice, DirectoryJson.Options); // what was sent, as sent
        notice = notice with // the live link goes out, never into the stored copy above
        {
            AcknowledgeLink = NotificationRequests.SignedAcknowledgeLink(notice.AcknowledgeLink, notification.Id, links, options.Value.AcknowledgeLinkLifetime),
        };
        notice = await Documents.DocumentFiles.AttachAsync(db, notice, cancellationToken);
        var recipient = new Recipient(notification.RecipientName, notification.Language, notification.TimeZone);
        var policy = rules.DisclosureAt(time.GetUtcNow());
        var tried = new List<string>();
        var attempts = new List<AttemptRecord>();
        foreach (var contact in DirectoryJson.Channels(notification.Destinations))
        {
            var destination = contact.SecretRef is { } name
                ? contact.ToDestination(options.Value.Secrets.GetValueOrDefault(name), options.Value.PreviousSecrets.GetValueOrDefault(name))
                : contact.ToDestination(null);
            tried.Add(contact.Channel);
            var report = Documents.DocumentFiles.Refusal(notice, contact, policy, time.GetUtcNow())
                ?? await sender.SendAsync(Redaction.For(notice, contact.Channel, policy), recipient, destination, cancellationToken);
            attempts.AddRange(report.Attempts);
            if (report.Delivered)
            {
                return new Completion(notification, sent, attempts, tried, Delivered: true);
            }
        }

        return new Completion(notification, sent, attempts, tried, Delivered: false);
    }

    /// <summary>
    /// The notice with the incident as it is now: a TLP, severity or serious flag raised since the notice was
    /// written applies to what has not been sent yet (and so does the redaction that follows from it), and to what the
    /// portal shows. A receipt keeps its own title: it is the title of the report it confirms, which the incident's (the
    /// title of the report that opened it) is not when the report joined an incident already open.
    /// </summary>
    internal static Notice AsNow(Notice notice, IncidentFacts? now)
    {
        if (now is null)
        {
            return notice;
        }

        return notice with
        {
            Title = notice.Receipt is null ? now.Title : notice.Title, Classification = now.Classification, SeverityLevel = now.SeverityLevel, Serious = now.Serious,
            SeriousUndetermined = now.SeriousUndetermined, Tlp = now.Tlp,
            PersonalData = now.PersonalData, AffectedSystem = now.AffectedSystem, OwnerAgency = now.OwnerAgency, Deadlines = now.Deadlines,
            Drill = notice.Drill || now.Drill,
            Status = now.Status ?? notice.Status,
        };
    }
}

/// <summary>
/// One notification sent (or not): the row as claimed, the notice as sent, every try, the channels tried, and whether
/// the last try delivered.
/// </summary>
public sealed record Completion(
    Notification Notification, string SentNotice, IReadOnlyList<AttemptRecord> Attempts, IReadOnlyList<string> Tried, bool Delivered, bool Cancelled = false);
