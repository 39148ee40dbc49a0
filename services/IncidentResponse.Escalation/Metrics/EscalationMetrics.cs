using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Prometheus;

namespace IncidentResponse.Escalation.Metrics;

/// <summary>How late escalation steps fire after their due time (<c>ir_escalation_step_lateness_seconds</c>), recorded once a step's transaction committed.</summary>
public sealed class EscalationMetrics(HostMetrics metrics)
{
    private static readonly double[] Buckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

    private readonly Histogram _lateness = metrics.Histogram("ir_escalation_step_lateness_seconds",
        "Time from an escalation step's due time to its firing / Độ trễ của bước leo thang so với hạn", Buckets);

    public void StepFired(DateTimeOffset dueAt, DateTimeOffset firedAt) =>
        _lateness.Observe(Math.Max(0, (firedAt - dueAt).TotalSeconds));
}
