using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IncidentResponse.Intake.Metrics;

/// <summary>
/// Reports accepted, by the channel they came through (api, web, email, events-api, alertmanager, heartbeat), counted from the
/// stored reports: the same figure on every Host with the intake role, and it survives a restart.
/// </summary>
public sealed class IntakeMetricsProbe(IServiceScopeFactory scopes, HostMetrics metrics) : IMetricsProbe
{
    private readonly Counter _accepted = metrics.Counter("ir_reports_accepted_total",
        "Reports accepted, by channel / Báo cáo đã tiếp nhận theo kênh", "channel");

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
    }
}
