using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>How an action from a chat or a call went.</summary>
public enum ChannelAckOutcome
{
    /// <summary>The engagement moved (or the notice outside any engagement was acknowledged).</summary>
    Done,

    /// <summary>Done already, by this button or another way: nothing changed.</summary>
    AlreadyDone,

    /// <summary>Not allowed from the engagement's state (e.g. accepting a declined engagement).</summary>
    Invalid,

    /// <summary>No live notice of this sender: unknown, sent elsewhere, expired, or its incident closed.</summary>
    NotLive,
}

/// <summary>The outcome, and the notification and engagement state when known.</summary>
public sealed record ChannelAck(ChannelAckOutcome Outcome, Guid? NotificationId = null, Guid? EngagementId = null, string? IncidentNumber = null, string? State = null);

/// <summary>
/// Acknowledging, accepting or declining from a chat message or a call (Telegram buttons, Zalo replies, voice keys):
/// the same path as the acknowledgement link and the SMS reply. The notification must be live (its latest sending within the link lifetime,
/// its incident open) and the sender must be one of its destinations on that channel (the chat, the Zalo user, the
/// phone called); the action then goes through <see cref="EngagementActions"/>, which marks the notification used
/// once: a second acknowledgement changes nothing, a second accept or decline is a harmless repeat.
/// </summary>
public sealed class ChannelAcknowledgements(NotificationsDbContext db, EngagementActions actions, IOptions<NotificationsOptions> options, TimeProvider time)
{
    public Task<ChannelAck> ApplyAsync(
        Guid notificationId, ChatAction action, EngagementActor actor, Func<ContactChannel, bool> isSender, CancellationToken cancellationToken) =>
        ApplyAsync(notificationId, action, _ => actor, isSender, cancellationToken);

    /// <summary>As above, the actor named from the notification (a call knows only whom it called: the notice's recipient).</summary>
    public async Task<ChannelAck> ApplyAsync(
        Guid notificationId, ChatAction action, Func<Deliveries.Notification, EngagementActor> actorOf, Func<ContactChannel, bool> isSender,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorOf);
        ArgumentNullException.ThrowIfNull(isSender);
        var now = time.GetUtcNow();
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId, cancellationToken);
        if (notification is null
            || !DirectoryJson.Channels(notification.Destinations).Any(isSender)
            || notification.LastSentAt <= now - options.Value.AcknowledgeLinkLifetime
            || await db.Incidents.AsNoTracking().AnyAsync(i => i.IncidentId == notification.IncidentId && i.Status == IncidentStatuses.Closed, cancellationToken))
        {
            return new ChannelAck(ChannelAckOutcome.NotLive);
        }

        if (notification.EngagementId is not { } engagementId)
        {
            if (action != ChatAction.Acknowledge)
            {
                return new ChannelAck(ChannelAckOutcome.Invalid, notification.Id, null, notification.IncidentNumber);
            }

            // A notice outside any engagement (a legal deadline alert): receipt of it alone, once, as the link records it.
            var marked = await db.Notifications.Where(n => n.Id == notification.Id && n.AcknowledgedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.AcknowledgedAt, now).SetProperty(n => n.Version, n => n.Version + 1), cancellationToken);
            return new ChannelAck(marked == 1 ? ChannelAckOutcome.Done : ChannelAckOutcome.AlreadyDone, notification.Id, null, notification.IncidentNumber);
        }

        var actor = actorOf(notification);

        // Acknowledging uses the notice up; accepting or declining uses it up when it is still unused, and is otherwise
        // judged on the engagement's state alone, so "Accept" still works after "Acknowledge" on the same message.
        var via = action == ChatAction.Acknowledge || notification.AcknowledgedAt is null ? notification.Id : (Guid?)null;
        var (engagementAction, text) = action switch
        {
            ChatAction.Accept => (EngagementAction.Accept, (string?)null),
            ChatAction.Decline => (EngagementAction.Decline, $"Từ chối qua {actor.Channel} / declined by {actor.Channel}"),
            _ => (EngagementAction.Acknowledge, null),
        };
        var change = await actions.ApplyAsync(engagementId, engagementAction, actor, text, via, null, cancellationToken);
        var outcome = change.Outcome switch
        {
            EngagementOutcome.Changed => ChannelAckOutcome.Done,
            EngagementOutcome.Unchanged or EngagementOutcome.AlreadyUsed => ChannelAckOutcome.AlreadyDone,
            EngagementOutcome.Invalid => ChannelAckOutcome.Invalid,
            _ => ChannelAckOutcome.NotLive,
        };
        return new ChannelAck(outcome, notification.Id, engagementId, notification.IncidentNumber, change.Engagement?.State);
    }

    /// <summary>What the person is told, Vietnamese first.</summary>
    public static string Answer(ChannelAck ack, ChatAction action)
    {
        ArgumentNullException.ThrowIfNull(ack);
        return (ack.Outcome, action) switch
        {
            (ChannelAckOutcome.Done, ChatAction.Accept) => $"Đã ghi nhận: đơn vị nhận xử lý sự cố {ack.IncidentNumber}. / Recorded: your unit accepted incident {ack.IncidentNumber}.",
            (ChannelAckOutcome.Done, ChatAction.Decline) => $"Đã ghi nhận: đơn vị từ chối sự cố {ack.IncidentNumber}; Văn phòng thường trực được báo. / Recorded: your unit declined incident {ack.IncidentNumber}; the standing office is told.",
            (ChannelAckOutcome.Done, _) => $"Đã xác nhận đã nhận thông báo sự cố {ack.IncidentNumber}. Cảm ơn. / Acknowledged receipt of incident {ack.IncidentNumber}. Thank you.",
            (ChannelAckOutcome.AlreadyDone, _) => "Thông báo này đã được xử lý trước đó; không có gì thay đổi. / This notice was already answered; nothing changed.",
            (ChannelAckOutcome.Invalid, _) => $"Không thể thực hiện ở trạng thái hiện tại ({ack.State ?? "—"}). / Not possible in the engagement's current state ({ack.State ?? "—"}).",
            _ => "Thông báo không còn hiệu lực; không có gì thay đổi. / This notice is no longer live; nothing changed.",
        };
    }
}
