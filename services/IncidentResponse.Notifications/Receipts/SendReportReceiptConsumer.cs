using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Documents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;

namespace IncidentResponse.Notifications.Receipts;

/// <summary>
/// Sends a report's receipt to its sender (<see cref="SendReportReceipt"/>, QĐ 05 Điều 12): one notification of origin
/// <c>receipt</c>, kind <see cref="NoticeKind.Receipt"/>, by e-mail only, keyed by the report, which the dispatcher delivers
/// like every other notice — retries, every attempt on record, <c>NotificationDelivered</c> / <c>NotificationFailed</c> back
/// to the timeline. The notice carries the report's own title under the incident's TLP and no acknowledgement link (a
/// receipt asks nothing of its reader). An address the e-mail channel refuses fails at once, on the record. A drill's
/// receipt is held, as every drill notice to an address outside the directory is. However often the message comes, and
/// whichever Host takes it, one receipt is added per report.
/// </summary>
public sealed class SendReportReceiptConsumer(NotificationsDbContext db, NotificationRequests requests, DispatchSignal signal, TimeProvider time)
    : IConsumer<SendReportReceipt>
{
    public const string ReasonVi = "Xác nhận đã nhận báo cáo (QĐ 05/2017/QĐ-TTg, Điều 12)";
    public const string ReasonEn = "Receipt for a report (Decision 05/2017/QD-TTg, Article 12)";
    public const string InvalidAddress = "địa chỉ thư điện tử của người báo cáo không hợp lệ / the reporter's e-mail address is not valid";

    public async Task Consume(ConsumeContext<SendReportReceipt> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await SendAsync(context.Message, context.CancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>Adds the receipt unless the report has one; true when one was added to be sent.</summary>
    public Task<bool> SendAsync(SendReportReceipt m, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(m);
        return db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            var name = (m.ReporterName ?? m.Organization) is { Length: > 0 } n ? ColumnText.Fit(n, 300) : null;
            var recipient = DocumentRecipients.ForAddress(m.To, name, NotificationOrigins.Receipt);
            var facts = new IncidentFacts(m.IncidentId, m.IncidentNumber, m.Title, "other:undetermined", 0, false, m.Tlp, false, null, null, [], m.Drill);
            var notification = await requests.AddAsync(db, recipient, facts, NoticeKind.Receipt, null, $"receipt:{m.ReportId:N}", NotificationOrigins.Receipt,
                ReasonVi, ReasonEn, now, cancel);
            if (notification is null)
            {
                return false;
            }

            DocumentRecipients.AsEmailLetter(notification, notice => notice with
            {
                Receipt = new ReceiptRef(m.ReportId, m.Channel, m.ReceivedAt, m.Correlated, m.LegalInitialReport, m.ReporterName, m.Organization,
                    ReceiptRef.ThreadId(m.InReplyTo), m.Quoted, m.IncidentClosed),
            });
            var valid = ContactChannel.IsValidAddress(EmailChannel.ChannelName, m.To);
            if (!valid && notification.Status == NotificationStatus.Pending)
            {
                notification.Status = NotificationStatus.Failed;
                notification.LastError = InvalidAddress;
                notification.CompletedAt = now;
                db.PublishAfterCommit(new NotificationFailed(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
                    notification.RecipientName, [], 0, InvalidAddress, now, null, NotificationOrigins.Receipt), now);
            }

            await db.SaveChangesAsync(cancel);
            return notification.Status == NotificationStatus.Pending;
        }, cancel);
    }
}
