using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Puts what the notifications service did on the incident's timeline: units engaged, notices
/// delivered (proof of delivery), notices that reached nobody, acknowledgements. Units engaged and
/// notices delivered come as one message per commit of notifications (<see cref="UnitsEngaged"/>,
/// <see cref="NotificationsDelivered"/>) or, from versions before batches, one each; either way each
/// becomes one entry, appended in one transaction per message and once per engagement or notification
/// (its source key), also when announced again. The others are put on once per message. Notifications' answers to
/// incident states that ride with the units engaged (<see cref="UnitsEngaged.AppliedStates"/>) are recorded as
/// <see cref="IncidentStateAppliedConsumer"/> records them.
/// </summary>
public sealed class PartnerActivityConsumer(TriageDbContext db, TimeProvider time, IOptions<Policy.TriageOptions> options) :
    IConsumer<UnitsEngaged>, IConsumer<NotificationsDelivered>,
    IConsumer<UnitEngaged>, IConsumer<NotificationDelivered>, IConsumer<NotificationFailed>, IConsumer<EngagementAcknowledged>
{
    private static readonly Actor Notifications = new("system:notifications", "Hệ thống thông báo / notifications", "system");

    /// <summary>The origin of a report's receipt (<c>SendReportReceipt</c>), told apart on the timeline from a notice to a unit.</summary>
    private const string Receipt = "receipt";

    public async Task Consume(ConsumeContext<UnitsEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await db.AppendOnceSplittingAsync(context.Message.Engagements.Select(Entry).ToList(), context.CancellationToken);
        if (context.Message.AppliedStates is { Count: > 0 } answers)
        {
            await new IncidentStateAppliedConsumer(db, options).RecordAsync(answers, context.CancellationToken);
        }
    }

    public Task Consume(ConsumeContext<UnitEngaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return db.AppendOnceSplittingAsync([Entry(context.Message)], context.CancellationToken);
    }

    public Task Consume(ConsumeContext<NotificationsDelivered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return db.AppendOnceSplittingAsync(context.Message.Deliveries.Select(Entry).ToList(), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<NotificationDelivered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return db.AppendOnceSplittingAsync([Entry(context.Message)], context.CancellationToken);
    }

    /// <summary>The entry of a unit engaged; its key is the engagement's (a repeat announcement finds it).</summary>
    public static SourcedEntry Entry(UnitEngaged m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new SourcedEntry(m.IncidentId, $"engaged:{m.EngagementId}", TimelineKinds.UnitEngaged, Notifications, m.EngagedAt,
            m.EngagedBy is null
                ? $"Phân công đơn vị {m.UnitNameVi} (quy tắc {m.RuleId}, định tuyến {m.RoutingVersion})"
                : $"Phân công đơn vị {m.UnitNameVi} theo quyết định của {m.EngagedBy}; lý do: {m.Reason}",
            m.EngagedBy is null
                ? $"Unit engaged: {m.UnitNameEn} (rule {m.RuleId}, routing {m.RoutingVersion})"
                : $"Unit engaged: {m.UnitNameEn}, by {m.EngagedBy}; reason: {m.Reason}",
            m.EngagedBy is null
                ? new { m.EngagementId, unit = m.UnitCode, unitName = m.UnitNameVi, rule = m.RuleId, routing = m.RoutingVersion, m.SeverityLevel, m.Serious, m.Recipients }
                : new { m.EngagementId, unit = m.UnitCode, unitName = m.UnitNameVi, rule = m.RuleId, routing = m.RoutingVersion, m.SeverityLevel, m.Serious, m.Recipients,
                    engagedBy = m.EngagedBy, reason = m.Reason } as object,
            new Register.EngagedUnit(m.IncidentId, m.UnitCode, m.UnitNameVi, m.UnitNameEn, m.EngagedAt));
    }

    /// <summary>The entry of a notice delivered; its key is the notification's.</summary>
    public static SourcedEntry Entry(NotificationDelivered m)
    {
        ArgumentNullException.ThrowIfNull(m);
        // A receipt's recipient is a person outside the directory: the timeline, which nothing can edit, names their role, not them.
        var receipt = m.Origin == Receipt;
        return new SourcedEntry(m.IncidentId, $"delivered:{m.NotificationId}", TimelineKinds.NotificationDelivered, Notifications, m.DeliveredAt,
            receipt
                ? $"Đã gửi xác nhận đã nhận báo cáo tới người báo cáo qua {m.Channel} (lần thử {m.Attempts})"
                : $"Đã gửi thông báo tới {m.RecipientName} qua {m.Channel} (lần thử {m.Attempts})",
            receipt
                ? $"Receipt for the report delivered to its reporter by {m.Channel} (attempt {m.Attempts})"
                : $"Notification delivered to {m.RecipientName} by {m.Channel} (attempt {m.Attempts})",
            new { m.NotificationId, unit = m.UnitCode, m.Channel, m.Attempts, providerResponse = receipt ? null : m.ProviderResponse, origin = m.Origin });
    }

    public Task Consume(ConsumeContext<NotificationFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var receipt = m.Origin == Receipt;
        var (what, whatEn, to, toEn) = receipt
            ? ("xác nhận đã nhận báo cáo", "Receipt for the report", "người báo cáo", "its reporter")
            : ("thông báo", "Notification", m.RecipientName, m.RecipientName);
        // A mail server's refusal usually repeats the address: a receipt's stays in the deliveries list, which can be erased.
        var error = receipt ? "xem danh sách gửi / see the deliveries list" : m.LastError;
        return AppendAsync(context, m.IncidentId, TimelineKinds.NotificationFailed, m.FailedAt,
            $"KHÔNG gửi được {what} tới {to} sau {m.Attempts} lần thử ({string.Join(", ", m.ChannelsTried)}): {error}",
            $"{whatEn} to {toEn} FAILED after {m.Attempts} attempts ({string.Join(", ", m.ChannelsTried)}): {error}",
            new { m.NotificationId, unit = m.UnitCode, channels = m.ChannelsTried, m.Attempts, lastError = error, origin = m.Origin });
    }

    public Task Consume(ConsumeContext<EngagementAcknowledged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.UnitAcknowledged, m.AcknowledgedAt,
            $"Đơn vị {m.UnitNameVi ?? m.UnitCode} xác nhận đã nhận thông báo ({m.AcknowledgedBy}, qua {m.Channel})",
            $"Unit {m.UnitNameEn ?? m.UnitCode} acknowledged receipt ({m.AcknowledgedBy}, by {m.Channel})",
            new { m.EngagementId, unit = m.UnitCode, m.NotificationId, by = m.AcknowledgedBy, m.Channel });
    }

    private Task<bool> AppendAsync(
        ConsumeContext context, Guid incidentId, string kind, DateTimeOffset at, string summaryVi, string summaryEn, object data, Guid? onceKey = null) =>
        db.AppendOnceAsync(context, nameof(PartnerActivityConsumer), time.GetUtcNow(), incidentId, kind, Notifications, at, summaryVi, summaryEn, data, onceKey);
}
