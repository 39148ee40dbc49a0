using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IncidentResponse.Intake.Metrics;

/// <summary>
/// Reports accepted, by the channel they came through (api, web, email, events-api, alertmanager, heartbeat), counted from the
/// stored reports: the same figure on every Host with the intake role, and it survives a restart. Also the reports held for
/// an operator's confirmation (e-mail from an unknown sender) and how long the oldest has waited: a held report engages
/// nobody, so the <c>IRReportsAwaitingConfirmation</c> alert pages whoever watches the system instead.
/// </summary>
public sealed class IntakeMetricsProbe(IServiceScopeFactory scopes, HostMetrics metrics, TimeProvider time) : IMetricsProbe
{
    private readonly Counter _accepted = metrics.Counter("ir_reports_accepted_total",
        "Reports accepted, by channel / Báo cáo đã tiếp nhận theo kênh", "channel");

    private readonly Gauge _held = metrics.Gauge("ir_reports_awaiting_confirmation",
        "Reports held until an operator confirms them, engaging nobody / Báo cáo đang chờ xác nhận, chưa phân công ai");

    private readonly Gauge _oldestHeld = metrics.Gauge("ir_reports_awaiting_confirmation_oldest_seconds",
        "How long the oldest held report has waited, 0 when none / Báo cáo chờ xác nhận lâu nhất đã chờ bao lâu (giây)");

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var counts = await db.Reports.AsNoTracking().GroupBy(r => r.Channel)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var count in counts)
        {
            _accepted.WithLabels(count.Key).IncTo(count.Count);
        }

        // Held for a person: an alert a maintenance window holds waits for the window, and the system releases it (MaintenanceRelease).
        var held = db.Reports.AsNoTracking().Where(r => r.Status == ReportStatuses.AwaitingConfirmation
            && !db.Alerts.Any(a => a.ReportId == r.Id && a.MaintenanceWindowId != null));
        var waiting = await held.CountAsync(cancellationToken);
        // The held reports are few and (status, …) is indexed: the oldest is read as a row, which SQLite orders too.
        var oldest = waiting == 0 ? (DateTimeOffset?)null
            : await held.OrderBy(r => r.ReceivedAt).Select(r => (DateTimeOffset?)r.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        _held.Set(waiting);
        _oldestHeld.Set(oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0);
    }
}
