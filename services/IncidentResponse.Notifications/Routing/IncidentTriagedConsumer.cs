using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Keeps the incident's newest state and routes it: each unit a matching rule names and not yet engaged
/// is engaged, and its duty point gets a notification — all in one transaction. Units already engaged get an
/// update notice when the state makes the incident serious or raises its severity or TLP (<see cref="EngagedUpdates"/>). A state older than the
/// one held changes nothing (states may arrive in any order), a closed incident engages nobody and its
/// notifications not yet being sent are cancelled. Every state, new or repeated, is answered with the
/// version held, so triage stops sending it again.
/// </summary>
public sealed partial class IncidentTriagedConsumer(
    NotificationsDbContext db, NotificationRules rules, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<IncidentTriagedConsumer> logger) : IConsumer<IncidentTriaged>
{
    public const string Service = "notifications";

    public async Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var added = await db.RetryOnConflictAsync(() => ApplyAsync(context), context.CancellationToken, tries: 10);
        if (added > 0)
        {
            signal.Notify();
        }
    }

    private async Task<int> ApplyAsync(ConsumeContext<IncidentTriaged> context)
    {
        var message = context.Message;
        var cancel = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(IncidentTriagedConsumer), now))
        {
            return 0; // this very message was applied, and answered, before
        }

        var before = EngagedUpdates.Before.Of(await db.Incidents.FirstOrDefaultAsync(i => i.IncidentId == message.IncidentId, cancel));
        var (copy, applied, previousStatus) = await IncidentCopies.ApplyAsync(db, message, now, cancel);
        var added = 0;
        if (applied && copy.Status != IncidentCopies.Closed)
        {
            // Units already engaged are told what rose first; units the new state routes to are engaged as always.
            added = await EngagedUpdates.AddAsync(db, requests, before, message, context.MessageId ?? Guid.Empty, now, cancel);
            added += await RouteAsync(message, now, cancel);
        }
        else if (applied && previousStatus != IncidentCopies.Closed)
        {
            await CancelPendingAsync(copy, now, cancel);
        }

        db.PublishAfterCommit(new IncidentStateApplied(copy.IncidentId, copy.StateVersion, Service, now), now);
        await db.SaveChangesAsync(cancel);
        return added;
    }

    private async Task<int> RouteAsync(IncidentTriaged message, DateTimeOffset now, CancellationToken cancel)
    {
        var routing = rules.RoutingAt(now);
        var routed = Router.Route(routing.Content, RoutingFacts.From(message), rules.DirectoryAt(now).Content);
        var engaged = await db.Engagements.Where(e => e.IncidentId == message.IncidentId).Select(e => e.UnitCode).ToListAsync(cancel);
        var wanted = routed.Where(r => !engaged.Contains(r.UnitCode)).ToList();
        var codes = wanted.Select(r => r.UnitCode).ToList();
        var units = await db.Units.Where(u => codes.Contains(u.Code) && u.Active).ToDictionaryAsync(u => u.Code, cancel);
        var added = 0;
        foreach (var (code, rule) in wanted)
        {
            if (!units.TryGetValue(code, out var unit))
            {
                LogUnknownUnit(logger, rule.Id, code);
                continue;
            }

            var engagement = new Engagement
            {
                Id = NewId.NextGuid(),
                IncidentId = message.IncidentId,
                IncidentNumber = message.Number,
                UnitCode = code,
                RuleId = rule.Id,
                RoutingVersion = routing.Version,
                SeverityLevel = message.SeverityLevel,
                Serious = message.Serious,
                EngagedAt = now,
                AnnouncedAt = now,
            };
            db.Engagements.Add(engagement);
            var kind = message.Serious ? NoticeKind.InitialReport : NoticeKind.Engaged;
            var recipients = await requests.AddForUnitAsync(db, unit, message, kind, engagement.Id, $"engagement:{engagement.Id:N}:duty",
                $"Đơn vị được phân công theo quy tắc \"{rule.NameVi}\"", $"Unit engaged by the rule \"{rule.NameEn}\"", now, cancel);
            db.PublishAfterCommit(new UnitEngaged(engagement.Id, message.IncidentId, message.Number, code, unit.NameVi, unit.NameEn, rule.Id,
                routing.Version, message.SeverityLevel, message.Serious, recipients, now), now);
            added++;
        }

        return added;
    }

    /// <summary>The incident closed: what is not being sent yet is not sent (a page about a closed incident helps nobody).</summary>
    private async Task CancelPendingAsync(IncidentCopy copy, DateTimeOffset now, CancellationToken cancel)
    {
        var pending = await db.Notifications
            .Where(n => n.IncidentId == copy.IncidentId && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now)
                && n.Origin != NotificationOrigins.Document) // a closing report is sent after the close
            .ToListAsync(cancel);
        foreach (var notification in pending)
        {
            notification.Status = NotificationStatus.Cancelled;
            notification.LastError = "cancelled: the incident was closed";
            notification.CompletedAt = now;
            notification.Version++;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing rule {Rule} names unit {Unit}, which is not an active unit of the directory; it was not engaged")]
    private static partial void LogUnknownUnit(ILogger logger, string rule, string unit);
}
