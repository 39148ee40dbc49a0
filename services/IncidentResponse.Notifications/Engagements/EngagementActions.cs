using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>What a partner (or the committee for it) does with an engagement.</summary>
public enum EngagementAction
{
    Acknowledge,
    Accept,
    Decline,
    Resolve,
}

/// <summary>How a transition went.</summary>
public enum EngagementOutcome
{
    /// <summary>The engagement moved; its event is in the outbox.</summary>
    Changed,

    /// <summary>It was already there (the same transition again): nothing changed, no event.</summary>
    Unchanged,

    /// <summary>No such engagement, or not one the caller may see.</summary>
    NotFound,

    /// <summary>Not allowed from the state it is in (e.g. accepting a declined engagement).</summary>
    Invalid,

    /// <summary>The notification's acknowledgement link or code was used already.</summary>
    AlreadyUsed,
}

/// <summary>The result of a transition: the outcome, the engagement as it stands, and when.</summary>
public sealed record EngagementChange(EngagementOutcome Outcome, Engagement? Engagement, DateTimeOffset At, string? Detail = null);

/// <summary>Who acts and how: a name for the record and the channel (<c>link</c>, <c>api</c>, <c>web</c>, <c>sms</c>).</summary>
public sealed record EngagementActor(string Name, string Channel);

/// <summary>
/// The one place where engagements change state, whatever the entry point (API, acknowledgement
/// link, SMS reply): notified → acknowledged → accepted | declined; accepted → resolved; accepting,
/// declining or resolving straight from notified implies receipt (EngagementAcknowledged is
/// published too). Each transition commits with its events (outbox) and cancels the engagement's
/// notifications no dispatcher has claimed yet, so nobody is paged after an acknowledgement. A
/// concurrency conflict (an escalation step at the same moment) is retried on fresh state.
/// </summary>
public sealed partial class EngagementActions(
    NotificationsDbContext db, NotificationRules rules, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<EngagementActions> logger)
{
    /// <summary>
    /// Applies <paramref name="action"/> to the engagement. <paramref name="mayAct"/> hides engagements
    /// the caller may not touch (reported as not found). With <paramref name="notificationId"/> the
    /// notification whose link or code was used is marked used, once.
    /// </summary>
    public async Task<EngagementChange> ApplyAsync(
        Guid engagementId, EngagementAction action, EngagementActor actor, string? text, Guid? notificationId,
        Func<Engagement, bool>? mayAct, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var signalDispatcher = false;
        var change = await db.RetryOnConflictAsync(async () =>
        {
            signalDispatcher = false;
            var now = time.GetUtcNow();
            var engagement = await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagementId, cancellationToken);
            if (engagement is null || (mayAct is not null && !mayAct(engagement)))
            {
                return new EngagementChange(EngagementOutcome.NotFound, null, now);
            }

            Notification? via = null;
            if (notificationId is { } id)
            {
                via = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
                if (via is null || via.EngagementId != engagement.Id)
                {
                    return new EngagementChange(EngagementOutcome.NotFound, null, now);
                }

                if (via.AcknowledgedAt is { } used)
                {
                    return new EngagementChange(EngagementOutcome.AlreadyUsed, engagement, used);
                }

                via.AcknowledgedAt = now;
                via.Version++;
            }

            if (IsAlready(engagement.State, action))
            {
                if (via is not null)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return new EngagementChange(EngagementOutcome.Unchanged, engagement, now);
            }

            if (!IsAllowed(engagement.State, action))
            {
                return new EngagementChange(EngagementOutcome.Invalid, engagement, now,
                    $"Đang ở trạng thái '{engagement.State}', không thể {Verb(action, english: false)} / the engagement is '{engagement.State}': it cannot be {Verb(action, english: true)}");
            }

            if (action is EngagementAction.Accept or EngagementAction.Decline
                && await db.Incidents.FirstOrDefaultAsync(i => i.IncidentId == engagement.IncidentId, cancellationToken) is { } copy)
            {
                if (copy.Status == IncidentCopies.Closed)
                {
                    // Nothing left to take on or to hand over: a decline would engage and page the standing office on a closed
                    // incident (review H3). Acknowledging (receipt) and resolving (the unit's own work done) are still recorded.
                    return new EngagementChange(EngagementOutcome.Invalid, engagement, now,
                        $"Sự cố đã đóng, không thể {Verb(action, english: false)} / the incident is closed: it cannot be {Verb(action, english: true)}");
                }

                // The copy's revision is checked on save: a close committed meanwhile makes this try again on fresh state (and
                // answer 409). A decline adds a notice, so it also moves the revision: a close that read the pending notices before
                // it committed tries again and sees that notice. An accept adds none and only checks (accepts do not conflict).
                if (action == EngagementAction.Decline)
                {
                    copy.Revision++;
                }
                else
                {
                    db.Entry(copy).Property(c => c.Revision).IsModified = true;
                }
            }

            var (nameVi, nameEn) = await UnitNames.OfAsync(db, engagement.UnitCode, cancellationToken);
            if (engagement.State == EngagementStates.Notified)
            {
                engagement.AcknowledgedAt = now;
                engagement.AcknowledgedBy = Trim(actor.Name, 300);
                engagement.AcknowledgedVia = actor.Channel;
                db.PublishAfterCommit(new EngagementAcknowledged(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode,
                    via?.Id, engagement.AcknowledgedBy, actor.Channel, now, nameVi, nameEn), now);
                engagement.State = EngagementStates.Acknowledged;
            }

            switch (action)
            {
                case EngagementAction.Accept:
                    engagement.State = EngagementStates.Accepted;
                    engagement.AcceptedAt = now;
                    engagement.AcceptedBy = Trim(actor.Name, 300);
                    db.PublishAfterCommit(new EngagementAccepted(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode,
                        engagement.AcceptedBy, actor.Channel, now, nameVi, nameEn), now);
                    break;
                case EngagementAction.Decline:
                    engagement.State = EngagementStates.Declined;
                    engagement.DeclinedAt = now;
                    engagement.DeclinedBy = Trim(actor.Name, 300);
                    engagement.DeclineReason = Trim(text ?? string.Empty, 2000);
                    engagement.HandedTo = await HandOverAsync(engagement, (nameVi, nameEn), now, cancellationToken);
                    signalDispatcher = true;
                    var handedTo = await UnitNames.OfAsync(db, engagement.HandedTo, cancellationToken);
                    db.PublishAfterCommit(new EngagementDeclined(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode,
                        engagement.DeclineReason, engagement.DeclinedBy, actor.Channel, engagement.HandedTo, now, nameVi, nameEn, handedTo.Vi, handedTo.En), now);
                    break;
                case EngagementAction.Resolve:
                    engagement.State = EngagementStates.Resolved;
                    engagement.ResolvedAt = now;
                    engagement.ResolvedBy = Trim(actor.Name, 300);
                    engagement.ResolutionSummary = string.IsNullOrWhiteSpace(text) ? null : Trim(text.Trim(), 4000);
                    db.PublishAfterCommit(new EngagementResolved(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode,
                        engagement.ResolutionSummary, engagement.ResolvedBy, actor.Channel, now, nameVi, nameEn), now);
                    break;
                default:
                    break;
            }

            engagement.Version++;
            await CancelPendingAsync(engagement, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new EngagementChange(EngagementOutcome.Changed, engagement, now);
        }, cancellationToken);
        if (signalDispatcher && change.Outcome == EngagementOutcome.Changed)
        {
            signal.Notify();
        }

        return change;
    }

    /// <summary>The same transition again: receipt is implied by every later milestone.</summary>
    public static bool IsAlready(string state, EngagementAction action) => action switch
    {
        EngagementAction.Acknowledge => state != EngagementStates.Notified,
        EngagementAction.Accept => state == EngagementStates.Accepted,
        EngagementAction.Decline => state == EngagementStates.Declined,
        EngagementAction.Resolve => state == EngagementStates.Resolved,
        _ => false,
    };

    public static bool IsAllowed(string state, EngagementAction action) => action switch
    {
        EngagementAction.Acknowledge => state == EngagementStates.Notified,
        EngagementAction.Accept or EngagementAction.Decline => state is EngagementStates.Notified or EngagementStates.Acknowledged,
        EngagementAction.Resolve => state is EngagementStates.Notified or EngagementStates.Acknowledged or EngagementStates.Accepted,
        _ => false,
    };

    /// <summary>
    /// Marks the engagement's notifications that are still waiting and that no dispatcher holds
    /// <c>cancelled</c>; one being sent right now (a live claim) is left to finish.
    /// </summary>
    public async Task<int> CancelPendingAsync(Engagement engagement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        var pending = await db.Notifications
            .Where(n => n.EngagementId == engagement.Id && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ToListAsync(cancellationToken);
        pending.RemoveAll(n => n.Origin == NotificationOrigins.Decline); // news of another unit's decline, not a page for this one
        foreach (var notification in pending)
        {
            notification.Status = NotificationStatus.Cancelled;
            notification.LastError = $"cancelled: the engagement was {engagement.State} by {engagement.AcknowledgedBy}";
            notification.CompletedAt = now;
            notification.ClaimedBy = null;
            notification.ClaimedUntil = null;
            notification.Version++;
        }

        return pending.Count;
    }

    /// <summary>
    /// Hands a declined incident to the unit the routing rules name: engaged if it is not yet (a new
    /// engagement, announced with UnitEngaged so escalation starts its chain), its duty point told either way.
    /// </summary>
    private async Task<string> HandOverAsync(Engagement declined, (string? Vi, string? En) names, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var routing = rules.RoutingAt(now);
        var code = routing.Content.DeclineTo;
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code && u.Active, cancellationToken);
        if (unit is null)
        {
            LogNoDeclineUnit(logger, code, declined.IncidentNumber);
            return code;
        }

        var facts = await IncidentFacts.LatestAsync(db, declined.IncidentId, declined.IncidentNumber, declined.Id, cancellationToken);
        var reasonVi = $"Đơn vị {names.Vi ?? declined.UnitCode} từ chối xử lý sự cố ({declined.DeclinedBy}): \"{declined.DeclineReason}\". Đề nghị Văn phòng thường trực tiếp nhận và điều phối.";
        var reasonEn = $"Unit {names.En ?? declined.UnitCode} declined the incident ({declined.DeclinedBy}): \"{declined.DeclineReason}\". The standing office is asked to take it over.";
        var existing = await db.Engagements.FirstOrDefaultAsync(e => e.IncidentId == declined.IncidentId && e.UnitCode == code, cancellationToken);
        if (existing is not null)
        {
            await requests.AddAsync(db, NotificationRecipient.Duty(unit), facts, NoticeKind.Declined, existing.Id, $"decline:{declined.Id:N}:{code}",
                NotificationOrigins.Decline, reasonVi, reasonEn, now, cancellationToken);
            return code;
        }

        var engagement = new Engagement
        {
            Id = RowIds.Next(),
            IncidentId = declined.IncidentId,
            IncidentNumber = declined.IncidentNumber,
            UnitCode = code,
            RuleId = $"declined:{declined.UnitCode}",
            RoutingVersion = routing.Version,
            SeverityLevel = facts.SeverityLevel,
            Serious = facts.Serious,
            EngagedAt = now,
            AnnouncedAt = now,
        };
        db.Engagements.Add(engagement);
        var added = await requests.AddAsync(db, NotificationRecipient.Duty(unit), facts, NoticeKind.Declined, engagement.Id, $"engagement:{engagement.Id:N}:duty",
            NotificationOrigins.Engagement, reasonVi, reasonEn, now, cancellationToken);
        db.PublishAfterCommit(new UnitsEngaged([new UnitEngaged(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, code, unit.NameVi, unit.NameEn,
            engagement.RuleId, routing.Version, engagement.SeverityLevel, engagement.Serious, added is null ? 0 : 1, now)]), now);
        return code;
    }

    private static string Verb(EngagementAction action, bool english) => (action, english) switch
    {
        (EngagementAction.Acknowledge, false) => "xác nhận đã nhận",
        (EngagementAction.Accept, false) => "nhận xử lý",
        (EngagementAction.Decline, false) => "từ chối",
        (EngagementAction.Resolve, false) => "đánh dấu đã xử lý xong",
        (EngagementAction.Acknowledge, true) => "acknowledged",
        (EngagementAction.Accept, true) => "accepted",
        (EngagementAction.Decline, true) => "declined",
        (_, true) => "resolved",
        _ => action.ToString(),
    };

    private static string Trim(string value, int length) => ColumnText.Fit(value, length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A declined engagement of incident {Incident} should go to unit {Unit}, which is not an active unit of the directory")]
    private static partial void LogNoDeclineUnit(ILogger logger, string unit, string incident);
}
