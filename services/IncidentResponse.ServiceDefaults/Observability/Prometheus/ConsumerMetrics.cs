using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// How long each consume attempt took (<c>ir_consume_duration_seconds</c>) and how many failed
/// (<c>ir_consume_errors_total</c>), labelled by queue (<c>&lt;service&gt;-&lt;consumer&gt;</c>) and message type,
/// recorded by <see cref="ConsumeMetricsFilter{T}"/> on every receive endpoint of this Host. MassTransit's own
/// meter is static (one per process, gone with the first bus stopped), so this Host measures for itself.
/// </summary>
public sealed class ConsumerMetrics(HostMetrics metrics)
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram _duration = metrics.Histogram("ir_consume_duration_seconds",
        "Time a consumer took for one message, each attempt / Thời gian xử lý một tin", Buckets, "queue", "message");

    private readonly Counter _errors = metrics.Counter("ir_consume_errors_total",
        "Consume attempts that failed / Số lần xử lý tin bị lỗi", "queue", "message");

    public void Consumed(string queue, string message, TimeSpan duration, bool failed)
    {
        _duration.WithLabels(queue, message).Observe(duration.TotalSeconds);
        if (failed)
        {
            _errors.WithLabels(queue, message).Inc();
        }
    }

    /// <summary>A message type's label: its own name, generic arguments after an underscore (<c>Batch_ReportReceived</c>).</summary>
    public static string Label(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "_" + string.Join("_", type.GetGenericArguments().Select(Label));
    }

    /// <summary>The queue of an input address: its last path segment (<c>rabbitmq://host/vhost/triage-report-received</c> → <c>triage-report-received</c>).</summary>
    public static string Queue(Uri? inputAddress) =>
        inputAddress is null ? "" : inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
