using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.Triage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IncidentResponse.Triage.Metrics;

/// <summary>Open incidents by severity level and legal duties past their due time, read from triage's tables.</summary>
public sealed class TriageMetricsProbe(IServiceScopeFactory scopes, HostMetrics metrics, TimeProvider time) : IMetricsProbe
{
    private static readonly string[] Levels = ["0", "1", "2", "3", "4", "5"];

    private readonly Gauge _open = metrics.Gauge("ir_incidents_open",
        "Incidents not closed, by severity level 0-5 / Sự cố chưa đóng theo mức độ", "severity");

    private readonly Gauge _overdue = metrics.Gauge("ir_legal_duties_overdue",
        "Legal duties (reports owed by law) past their due time, neither submitted nor waived / Nghĩa vụ báo cáo quá hạn");

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var open = await db.Incidents.AsNoTracking().Where(i => i.Status != IncidentStatuses.Closed)
            .GroupBy(i => i.SeverityLevel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        HostMetrics.Replace(_open, open.ToDictionary(o => o.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), o => (double)o.Count), Levels);
        _overdue.Set(await db.Deadlines.AsNoTracking().CountAsync(d => d.State == DutyStates.Due && d.DueAt <= now, cancellationToken));
    }
}
