using IncidentResponse.Escalation.Data;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IncidentResponse.Escalation.Metrics;

/// <summary>
/// How late escalation steps fire after their due time (<c>ir_escalation_step_lateness_seconds</c>, recorded once a
/// step's transaction committed), and, read from the chains, steps still waiting or past due by more than a minute.
/// </summary>
public sealed class EscalationMetrics(IServiceScopeFactory scopes, HostMetrics metrics, TimeProvider time) : IMetricsProbe
{
    /// <summary>A step this long past its due time and not fired counts as overdue (timers are rounded to 100 ms; a sweep takes a moment).</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(1);

    private static readonly double[] Buckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

    private readonly Histogram _lateness = metrics.Histogram("ir_escalation_step_lateness_seconds",
        "Time from an escalation step's due time to its firing / Độ trễ của bước chuyển cấp so với hạn", Buckets);

    private readonly Gauge _pending = metrics.Gauge("ir_escalation_steps_pending",
        "Escalation chains waiting for their next step or acknowledgement timeout / Chuỗi chuyển cấp đang chờ bước kế tiếp");

    private readonly Gauge _overdue = metrics.Gauge("ir_escalation_steps_overdue",
        "Escalation steps more than a minute past their due time and not fired / Bước chuyển cấp quá hạn chưa chạy");

    public void StepFired(DateTimeOffset dueAt, DateTimeOffset firedAt) =>
        _lateness.Observe(Math.Max(0, (firedAt - dueAt).TotalSeconds));

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var late = time.GetUtcNow() - OverdueAfter;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var waiting = db.Chains.AsNoTracking().Where(c => c.NextTimer != null && c.NextDueAt != null);
        _pending.Set(await waiting.CountAsync(cancellationToken));
        _overdue.Set(await waiting.CountAsync(c => c.NextDueAt < late, cancellationToken));
    }
}
