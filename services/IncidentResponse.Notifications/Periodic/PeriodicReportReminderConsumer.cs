using IncidentResponse.Contracts.Periodic;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Documents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Periodic;

/// <summary>
/// E-mails the unit a periodic report reminder names (the standing office; for a further overdue alert, the unit its step names) that the report is near its due time or overdue:
/// one notification of origin <c>periodic</c> per (report, year, stage), by e-mail to the unit's duty point, delivered by the
/// dispatcher like every notice (retries, every attempt on record). It belongs to no incident (<see cref="Notification.NoIncident"/>):
/// its outcome is in the deliveries list, and no incident's timeline hears of it.
/// </summary>
public sealed partial class PeriodicReportReminderConsumer(
    NotificationsDbContext db, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<PeriodicReportReminderConsumer> logger) : IConsumer<PeriodicReportReminder>
{
    public const string Tlp = "GREEN";

    public async Task Consume(ConsumeContext<PeriodicReportReminder> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await RemindAsync(context.Message, context.CancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>Adds the reminder unless it was added before; true when one was added to be sent.</summary>
    public Task<bool> RemindAsync(PeriodicReportReminder m, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(m);
        return db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            // A unit the directory does not hold (or has retired) is told nothing, and the deliveries list (the duties board's
            // reminder line) says so: a failed notification rather than a log line nobody reads.
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == m.NotifyUnit && u.Active, cancel);
            var number = ColumnText.Fit($"{m.Kind}:{m.Year}", 40);
            var facts = new IncidentFacts(Notification.NoIncident, number, m.NameVi, "other:undetermined", 0, false, Tlp, false, null, null, []);
            var overdue = PeriodicReportReminder.IsOverdueStage(m.Stage);
            var round = PeriodicReportReminder.OverdueRound(m.Stage);
            var (againVi, againEn) = round >= 2 ? ($" (cảnh báo lần {round}, báo cáo vẫn chưa được gửi)", $" (alert {round}, the report is still owed)") : ("", "");
            // The next alert goes to another unit (the host department): the mail names it rather than promise one to this unit.
            var next = m.NextAlertUnit is { } code && code != m.NotifyUnit ? await UnitNames.OfAsync(db, code, cancel) : (null, null);
            var standing = m.StandingUnit is { } office && office != m.NotifyUnit ? await UnitNames.OfAsync(db, office, cancel) : (null, null);
            var notification = await requests.AddAsync(db, unit is null ? DocumentRecipients.Unknown(m.NotifyUnit) : NotificationRecipient.Duty(unit), facts, NoticeKind.PeriodicReminder, null,
                ColumnText.Fit($"periodic:{m.Kind}:{m.Year}:{m.Stage}", 200), NotificationOrigins.Periodic,
                overdue ? $"Quá hạn báo cáo định kỳ: {m.NameVi} năm {m.Year}{againVi}" : $"Sắp đến hạn báo cáo định kỳ: {m.NameVi} năm {m.Year}",
                overdue ? $"Periodic report overdue: {m.NameEn} {m.Year}{againEn}" : $"Periodic report due soon: {m.NameEn} {m.Year}", now, cancel);
            if (notification is null)
            {
                return false;
            }

            DocumentRecipients.AsEmailLetter(notification, notice => notice with { Periodic = new PeriodicRef(m.Kind, m.Year, m.Stage, m.NameVi, m.NameEn, m.Basis, m.DueAt, m.NextAlertAt,
                m.NextAlertUnit is { } n && n != m.NotifyUnit ? next.Vi ?? n : null, m.NextAlertUnit is { } e && e != m.NotifyUnit ? next.En ?? e : null,
                m.StandingUnit is { } s && s != m.NotifyUnit ? standing.Vi ?? s : null, m.StandingUnit is { } t && t != m.NotifyUnit ? standing.En ?? t : null) });
            if (unit is null)
            {
                DocumentRecipients.FailUnknown(notification, m.NotifyUnit, now);
                LogUnknownUnit(logger, m.NotifyUnit, m.Kind, m.Year);
            }

            await db.SaveChangesAsync(cancel);
            return notification.Status == Contracts.Vocabulary.NotificationStatus.Pending;
        }, cancel);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic report reminder {Kind} {Year} names unit {Unit}, which is not an active unit of the directory; nobody told")]
    private static partial void LogUnknownUnit(ILogger logger, string unit, string kind, int year);
}
