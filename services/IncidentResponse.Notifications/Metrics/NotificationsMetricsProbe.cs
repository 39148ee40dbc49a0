using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IncidentResponse.Notifications.Metrics;

/// <summary>Engagements waiting for an acknowledgement, notifications pending or failed, failed delivery attempts by channel.</summary>
public sealed class NotificationsMetricsProbe(IServiceScopeFactory scopes, HostMetrics metrics) : IMetricsProbe
{
    private static readonly string[] States = [NotificationStatus.Pending, NotificationStatus.Held, NotificationStatus.Failed];

    /// <summary>The channels a contact can have (<c>Partners/ChannelDefinition</c>): shown at zero before any failure.</summary>
    private static readonly string[] Channels = ["email", "sms", "webhook"];

    private readonly Gauge _unacknowledged = metrics.Gauge("ir_engagements_unacknowledged",
        "Engagements notified and not yet acknowledged, by unit code / Phân công chưa được xác nhận", "unit");

    private readonly Gauge _notifications = metrics.Gauge("ir_notifications",
        "Notifications pending (being tried), held, or failed on every channel / Thông báo đang gửi, tạm giữ, thất bại", "state");

    private readonly Gauge _failedByChannel = metrics.Gauge("ir_notifications_failed",
        "Failed notifications by the channels their attempts used / Thông báo thất bại theo kênh", "channel");

    private readonly Counter _failedAttempts = metrics.Counter("ir_delivery_attempts_failed_total",
        "Delivery attempts that failed, by channel (read from the attempts stored) / Lần gửi thất bại theo kênh", "channel");

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var waiting = await db.Engagements.AsNoTracking().Where(e => e.State == EngagementStates.Notified)
            .GroupBy(e => e.UnitCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        HostMetrics.Replace(_unacknowledged, waiting.ToDictionary(w => w.Key, w => (double)w.Count));

        var states = await db.Notifications.AsNoTracking().Where(n => States.Contains(n.Status))
            .GroupBy(n => n.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        HostMetrics.Replace(_notifications, states.ToDictionary(s => s.Key, s => (double)s.Count), States);

        var delivered = nameof(AttemptOutcome.Delivered);
        var failedByChannel = await db.DeliveryAttempts.AsNoTracking()
            .Where(a => db.Notifications.Any(n => n.Id == a.NotificationId && n.Status == NotificationStatus.Failed))
            .Select(a => new { a.Channel, a.NotificationId }).Distinct()
            .GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        HostMetrics.Replace(_failedByChannel, failedByChannel.ToDictionary(f => f.Key, f => (double)f.Count), Channels);

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.Outcome != delivered)
            .GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var channel in Channels.Union(attempts.Select(a => a.Key)))
        {
            _failedAttempts.WithLabels(channel).IncTo(attempts.FirstOrDefault(a => a.Key == channel)?.Count ?? 0);
        }
    }
}
