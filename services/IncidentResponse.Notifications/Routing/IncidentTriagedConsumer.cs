using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Routes every (re-)triage of an incident: each unit a matching rule names and not yet engaged is
/// engaged, and its duty point gets a notification — all in one transaction, once per message.
/// </summary>
public sealed partial class IncidentTriagedConsumer(
    NotificationsDbContext db, NotificationRules rules, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<IncidentTriagedConsumer> logger) : IConsumer<IncidentTriaged>
{
    public async Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var cancel = context.CancellationToken;
        var now = time.GetUtcNow();
        if (!await db.TryRecordFirstDeliveryAsync(context, nameof(IncidentTriagedConsumer), now))
        {
            return;
        }

        var routing = rules.RoutingAt(now);
        var routed = Router.Route(routing.Content, RoutingFacts.From(message));
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
            };
            db.Engagements.Add(engagement);
            var kind = message.Serious ? NoticeKind.InitialReport : NoticeKind.Engaged;
            var recipients = await requests.AddForUnitAsync(db, unit, message, kind, engagement.Id, $"engagement:{engagement.Id:N}:duty",
                $"Đơn vị được phân công theo quy tắc \"{rule.NameVi}\"", $"Unit engaged by the rule \"{rule.NameEn}\"", now, cancel);
            db.PublishAfterCommit(new UnitEngaged(engagement.Id, message.IncidentId, message.Number, code, unit.NameVi, unit.NameEn, rule.Id,
                routing.Version, message.SeverityLevel, message.Serious, recipients, now), now);
            added++;
        }

        await db.SaveChangesAsync(cancel);
        if (added > 0)
        {
            signal.Notify();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing rule {Rule} names unit {Unit}, which is not an active unit of the directory; it was not engaged")]
    private static partial void LogUnknownUnit(ILogger logger, string rule, string unit);
}
