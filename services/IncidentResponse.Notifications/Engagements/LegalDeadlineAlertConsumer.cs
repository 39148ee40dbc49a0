using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// Tells the unit an alert names (the committee's standing office) that a legal reporting deadline
/// is near or has passed: one notification to its duty point per (incident, deadline, stage, due time — a duty owed
/// again after a re-close is alerted again).
/// </summary>
public sealed partial class LegalDeadlineAlertConsumer(
    NotificationsDbContext db, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<LegalDeadlineAlertConsumer> logger) : IConsumer<LegalDeadlineAlert>
{
    public async Task Consume(ConsumeContext<LegalDeadlineAlert> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await AlertAsync(context.MessageId ?? throw new InvalidOperationException("message has no MessageId"), context.Message, context.CancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>Applies the alert once; true when it added a notification.</summary>
    public Task<bool> AlertAsync(Guid messageId, LegalDeadlineAlert m, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(m);
        return db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            if (!await db.TryRecordFirstDeliveryAsync(messageId, nameof(LegalDeadlineAlertConsumer), now, cancel))
            {
                return false;
            }

            var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == m.NotifyUnit && u.Active, cancel);
            db.PublishAfterCommit(new LegalDeadlineAlertAnswered(m.IncidentId, m.DeadlineId, m.Stage, now, m, unit is not null), now);
            if (unit is null)
            {
                LogUnknownUnit(logger, m.NotifyUnit, m.IncidentNumber, m.DeadlineId);
                await db.SaveChangesAsync(cancel);
                return false;
            }

            var zone = NoticeFormat.ZoneOf(new Recipient(unit.NameVi, unit.DutyLanguage, unit.DutyTimeZone));
            var due = NoticeFormat.Due(m.DueAt, zone);
            var round = LegalDeadlineAlert.OverdueRound(m.Stage);
            var (againVi, againEn) = round >= 2 ? ($" (cảnh báo lần {round}, nghĩa vụ vẫn chưa thực hiện)", $" (alert {round}, the duty is still open)") : ("", "");
            var reasonVi = round > 0
                ? $"ĐÃ QUÁ HẠN {m.NameVi}: hạn {due} ({m.Basis}). Giai đoạn: quá hạn{againVi}."
                : $"Sắp đến hạn {m.NameVi}: hạn {due} ({m.Basis}). Giai đoạn: nhắc trước hạn.";
            var reasonEn = round > 0
                ? $"OVERDUE: {m.NameEn}, due {due} ({m.Basis}). Stage: overdue{againEn}."
                : $"Approaching: {m.NameEn}, due {due} ({m.Basis}). Stage: reminder.";
            var facts = await IncidentFacts.LatestAsync(db, m.IncidentId, m.IncidentNumber, null, cancel);
            var notification = await requests.AddAsync(db, NotificationRecipient.Duty(unit), facts, NoticeKind.DeadlineAlert, null,
                $"deadline:{m.IncidentId:N}:{m.DeadlineId}:{m.Stage}:{m.DueAt.UtcTicks}", NotificationOrigins.Deadline, reasonVi, reasonEn, now, cancel);
            await db.SaveChangesAsync(cancel);
            return notification is not null;
        }, cancel);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legal deadline alert {Deadline} of incident {Incident} names unit {Unit}, which is not an active unit of the directory; nobody told")]
    private static partial void LogUnknownUnit(ILogger logger, string unit, string incident, string deadline);
}
